import type { NameCounts, OutputPart, Store } from '../store/index.js';

/** What the store holds per name and per day: the tree and the archives are drawn from it. */
export interface Tally {
  counts: NameCounts;
  days: Array<{ day: string; items: number }>;
  /** Every item shown, each report apart: the article pages. */
  articles: number;
}

const KEY = 'tally';

/**
 * The store's counts as of change `seq`, kept in the site's state: a build that finds the store as
 * the last one left it (nothing fetched, pruned or hidden since: every such change takes a new
 * number) reads them back instead of counting every item again.
 */
export async function tallyOf(store: Store, out: OutputPart, o: { seq: number; stories: boolean; offset: number; fresh: boolean }): Promise<Tally> {
  const id = JSON.stringify([o.seq, o.stories, o.offset]);
  const kept = o.fresh ? undefined : (await out.values([KEY])).get(KEY);
  if (kept) {
    const t = JSON.parse(kept) as Tally & { id: string };
    if (t.id === id && t.articles !== undefined) return { counts: t.counts, days: t.days, articles: t.articles };
  }
  const tally = { counts: await store.items.counts({ stories: o.stories }), days: await store.items.days(o.offset, { stories: o.stories }), articles: await store.items.count({}) };
  await out.setValues(new Map([[KEY, JSON.stringify({ id, ...tally })]]));
  return tally;
}
