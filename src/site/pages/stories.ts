import type { ItemSummary } from '../../store/index.js';
import { webUrl } from '../../shared/index.js';
import type { BuildContext } from '../context.js';

/** The reports of the stories these items tell (`site.stories`; none when it is off), by story id, first report first. */
export async function storyReports(ctx: BuildContext, items: readonly ItemSummary[]): Promise<Map<string, ItemSummary[]>> {
  if (!ctx.site.stories) return new Map();
  return ctx.store.stories.reports([...new Set(items.flatMap((i) => (i.storyId ? [i.storyId] : [])))]);
}

/** What an article page lists of the same story from other outlets: their pages here and their originals. */
export interface OtherReport {
  title: string;
  source: string;
  href: string;
  original: string | null;
  time: string;
}

export function otherReports(ctx: BuildContext, item: ItemSummary, reports: readonly ItemSummary[], rels: ReadonlyMap<string, string>): OtherReport[] {
  return reports.filter((r) => r.id !== item.id).map((r) => ({
    title: r.title, source: `${r.names.site} · ${r.names.channel}`, href: ctx.paths.href(rels.get(r.id)!), original: webUrl(r.link), time: ctx.clock.short(r.sortAt),
  }));
}
