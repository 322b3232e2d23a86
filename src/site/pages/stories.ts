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
  const ids = [...new Set(items.flatMap((i) => (i.storyId ? [i.storyId] : [])))];
  const known = reportsRead.get(ctx) ?? reportsRead.set(ctx, { stories: new Map(), told: 0 }).get(ctx)!;
  if (known.stories.size + ids.length > REMEMBERED || known.told > REMEMBERED_TOLD) Object.assign(known, { stories: new Map(), told: 0 });
  const unknown = ids.filter((id) => !known.stories.has(id));
  if (unknown.length > 0) {
    const read = await ctx.store.stories.reports(unknown, REPORTS_SHOWN, 2);
    for (const id of unknown) known.stories.set(id, read.get(id) ?? null);
    known.told += read.size;
  }
  return new Map(ids.flatMap((id) => {
    const r = known.stories.get(id);
    return r ? [[id, r] as const] : [];
  }));
}

/**
 * A build's story reports by story id (null: told once), as read: an item's story is asked for by its
 * article and by every list and feed it is in, five or six times in a full build. At most this many
 * stories, and this many told more than once (each holds up to REPORTS_SHOWN items).
 */
const reportsRead = new WeakMap<BuildContext, { stories: Map<string, StoryReports | null>; told: number }>();
const REMEMBERED = 100_000;
const REMEMBERED_TOLD = 2_000;

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
