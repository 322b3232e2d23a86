import type { BuildContext } from '../context.js';
import { pageKey } from '../context.js';

/**
 * Documents of an archive tier whose items were removed or changed since it was indexed (retention
 * takes the oldest: the tier's highest numbers), as ranges `[first, last]`. Their postings stay in the
 * shards and readers leave them out (`patch.ts`).
 */
export type GoneRanges = Array<[number, number]>;

/** Which item each document of an archive tier was, by id (the first 16 characters: enough within a tier), kept in the store. */
const docsKey = (dir: string) => `search-docs:${dir}`;
export const short = (id: string): string => id.slice(0, 16);

export async function keepDocIds(ctx: BuildContext, dir: string, ids: readonly string[]): Promise<void> {
  await ctx.out.setValues(new Map([[docsKey(dir), ids.map(short).join(',')]]));
}

/** A replaced tier's ids are no longer needed: their row goes. */
export async function forgetDocIds(ctx: BuildContext, dirs: readonly string[]): Promise<void> {
  if (dirs.length > 0) await ctx.out.forgetValues(dirs.map(docsKey));
}

export const goneCount = (gone: GoneRanges | undefined): number => (gone ?? []).reduce((n, [a, b]) => n + b - a + 1, 0);

/** The ids (short) of a tier's documents, in document order; null when the store does not hold them. */
export async function docIds(ctx: BuildContext, dir: string): Promise<string[] | null> {
  const text = (await ctx.out.values([docsKey(dir)])).get(docsKey(dir));
  return text ? text.split(',') : null;
}

export function toRanges(sorted: readonly number[]): GoneRanges {
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
