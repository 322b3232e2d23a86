import type { BuildContext } from '../context.js';
import { pageKey } from '../context.js';

/**
 * Documents of an archive tier whose items were removed since it was indexed (retention takes the
 * oldest: the tier's highest numbers), as ranges `[first, last]`. Their postings stay in the shards
 * and readers leave them out, so a tier that only lost items is not indexed again until a quarter of
 * what it was indexed with is gone.
 */
export type GoneRanges = Array<[number, number]>;

/** The share of a tier's documents that may be gone before it is indexed again. */
const MAX_GONE = 0.25;

/** Which item each document of an archive tier was, by id (the first 16 characters: enough within a tier), kept in the store. */
const docsKey = (dir: string) => `search-docs:${dir}`;
const short = (id: string) => id.slice(0, 16);

export async function keepDocIds(ctx: BuildContext, dir: string, ids: readonly string[]): Promise<void> {
  await ctx.out.setValues(new Map([[docsKey(dir), ids.map(short).join(',')]]));
}

/** A replaced tier's ids are no longer needed: their row goes. */
export async function forgetDocIds(ctx: BuildContext, dirs: readonly string[]): Promise<void> {
  if (dirs.length > 0) await ctx.out.forgetValues(dirs.map(docsKey));
}

export const goneCount = (gone: GoneRanges | undefined): number => (gone ?? []).reduce((n, [a, b]) => n + b - a + 1, 0);

/**
 * The tier's gone documents once these items are too, and the fragments to remove; null when the tier
 * must be indexed again (an id it does not know, or more than MAX_GONE of it gone).
 */
export async function withGone(ctx: BuildContext, dir: string, gone: GoneRanges | undefined, live: number, ids: readonly string[]): Promise<{ gone: GoneRanges; removed: number[] } | null> {
  const text = (await ctx.out.values([docsKey(dir)])).get(docsKey(dir));
  if (!text) return null;
  const numberOf = new Map(text.split(',').map((id, n) => [id, n]));
  const removed: number[] = [];
  for (const id of ids) {
    const n = numberOf.get(short(id));
    if (n === undefined) return null;
    removed.push(n);
  }
  const all = new Set(removed);
  for (const [a, b] of gone ?? []) for (let n = a; n <= b; n++) all.add(n);
  if (all.size > MAX_GONE * (live + all.size)) return null;
  return { gone: toRanges([...all].sort((a, b) => a - b)), removed };
}

function toRanges(sorted: readonly number[]): GoneRanges {
  const out: GoneRanges = [];
  for (const n of sorted) {
    const last = out.at(-1);
    if (last && last[1] === n - 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/** Removes the fragments of documents gone from a tier. */
export async function removeFragments(ctx: BuildContext, dir: string, docs: readonly number[]): Promise<void> {
  const keys = new Set(docs.map((n) => pageKey(`${dir}d/${n}.json`)));
  await ctx.writer.remove((await ctx.out.list(`${dir}d/`)).filter((f) => keys.has(f.itemId)));
}
