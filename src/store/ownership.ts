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


/** What an entry from `sourceId` does to a stored story it tells again. */
export type Telling =
  /** Another source owns it: this one is added to those that carried it. */
  | 'carried'
  /** This source owns it from now on (see `owns`), and tells it. */
  | 'take-over'
  /** Its owner tells it anew: title and body are written. */
  | 'tell'
  | 'unchanged';

/** The store's rule for a story told again, stored state in, decision out (the same for every engine). */
export function telling(story: Story, contentHash: string, sourceId: string, place: Place | undefined, link: string): Telling {
  if (story.owner !== sourceId && !owns(place, story, link)) return 'carried';
  if (story.owner !== sourceId) return 'take-over';
  return story.hash !== contentHash ? 'tell' : 'unchanged';
}
