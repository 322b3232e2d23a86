import { hostOf } from '../shared/index.js';

/** Which source owns a story that several carry: the same rule for every engine. */
export interface Place {
  url: string;
  position: number;
}
export interface Story extends Place {
  id: string;
  owner: string;
  hash: string;
}

const siteOf = (url: string): string => hostOf(url).replace(/^www\./, '');
/** Whether a feed is on the site of a story's link (the same host, or one within the other). */
const onSite = (feedUrl: string, link: string): boolean => {
  const [a, b] = [siteOf(feedUrl), siteOf(link)];
  return a !== '' && (a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`));
};

/**
 * Whether a source carrying a story should own it rather than its owner: a feed on the story's own
 * site over one that is not (another site's feed cannot claim the story), else the earlier in the config.
 */
export function owns(source: Place | undefined, story: Story, link: string): boolean {
  if (!source) return false;
  const [mine, theirs] = [onSite(source.url, link), onSite(story.url, link)];
  return mine !== theirs ? mine : source.position < story.position;
}

