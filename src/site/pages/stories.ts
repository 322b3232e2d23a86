import type { ItemSummary, StoryReports } from '../../store/index.js';
import { webUrl } from '../../shared/index.js';
import type { BuildContext } from '../context.js';
import { fill } from '../i18n.js';

/** How many reports of a story a page names (a card its first outlets, an article the others, a feed item its sources). */
export const REPORTS_SHOWN = 12;

/**
 * The first reports of the stories these items tell (`site.stories`; none when it is off), by story id,
 * first report first, and how many each has. Only stories told more than once: a page's item is shown,
 * so a story with one shown report is that item's alone, and a page shows the same without it.
 */
export async function storyReports(ctx: BuildContext, items: ReadonlyArray<Pick<ItemSummary, 'storyId'>>): Promise<Map<string, StoryReports>> {
  if (!ctx.site.stories) return new Map();
  return ctx.store.stories.reports([...new Set(items.flatMap((i) => (i.storyId ? [i.storyId] : [])))], REPORTS_SHOWN, 2);
}

/** What an article page lists of the same story from other outlets: their pages here and their originals (the first few; `more` says how many others). */
export interface OtherReport {
  title: string;
  source: string;
  href: string;
  original: string | null;
  time: string;
}

export function otherReports(ctx: BuildContext, item: ItemSummary, story: StoryReports | undefined, rels: ReadonlyMap<string, string>): { list: OtherReport[]; more: string | null } {
  const list = (story?.first ?? []).filter((r) => r.id !== item.id).map((r) => ({
    title: r.title, source: `${r.names.site} · ${r.names.channel}`, href: ctx.paths.href(rels.get(r.id)!), original: webUrl(r.link), time: ctx.clock.short(r.sortAt),
  }));
  const more = story ? story.total - 1 - list.length : 0;
  return { list, more: more > 0 ? fill(ctx.t.moreReports, { n: more }) : null };
}
