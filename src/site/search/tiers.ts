import type { GoneRanges } from './gone.js';
import type { Order } from './patch.js';

/**
 * Which items each search tier holds. Tiers cut the newest-first order by `sortAt`: boundaries
 * b1 < b2 < … make tiers [−∞, b1), [b1, b2), …, [bk, +∞); the last is the recent tier, rebuilt
 * whenever an item in it changes; archive tiers are rebuilt only when one of theirs changes,
 * appears or goes. The recent tier is sealed into a new archive tier once it passes RECENT_MAX.
 * Archive tiers merge as in a log-structured merge: the newest tiers join when the one before them
 * holds less than GROWTH times what they hold together, so sizes grow about twofold from the newest
 * back and an item is indexed again about log2(ARCHIVE_CAP / RECENT_MAX) times in its life; never
 * into a tier of more than ARCHIVE_CAP items, so no build indexes more than that however large the
 * store, and a query reads about one tier per ARCHIVE_CAP items plus a few small ones.
 */
// Every build with a change indexes the recent tier again: kept small, that is 100–400 documents a
// build. With 200–1,000 and the old merge (the two smallest neighbours), 400 simulated builds of 100
// items from 20,000 stored indexed 18.9 documents per new item; with these and the merge below, 7.7.
export const RECENT_KEEP = 100;
export const RECENT_MAX = 400;
/** Archive tiers after a full build: up to this many, of at least ARCHIVE_MIN items. */
export const ARCHIVE_TIERS = 4;
export const ARCHIVE_CAP = 25_000;
const ARCHIVE_MIN = 2000;
const GROWTH = 2;

export interface TierState {
  /** Inclusive lower bound of `sortAt`, null for the oldest tier. */
  from: string | null;
  /** Exclusive upper bound, null for the recent tier. */
  to: string | null;
  count: number;
  dir: string;
  shards: number;
  /** Documents numbered oldest first (the recent tier), so their numbers stay as items arrive. */
  oldestFirst?: boolean;
  /** The recent tier's newest `sortAt`: items after it can be added to its index as it stands. */
  newest?: string;
  /** Documents whose items were removed or changed since the tier was indexed (`gone.ts`). */
  gone?: GoneRanges;
  /** Documents appended to an archive tier since it was indexed, and where each stands (`patch.ts`). */
  order?: Order;
  /** How many shards the appended documents' postings take (`a<k>.bin`). */
  delta?: number;
}

/** Boundaries when indexing everything: the newest RECENT_KEEP recent, the rest in equal archive tiers. */
export function initialBounds(newestFirst: readonly string[]): string[] {
  if (newestFirst.length <= RECENT_KEEP) return [];
  const recentFrom = newestFirst[RECENT_KEEP - 1]!;
  const archive = newestFirst.filter((s) => s < recentFrom);
  const k = Math.max(Math.min(ARCHIVE_TIERS, Math.ceil(archive.length / ARCHIVE_MIN)), Math.ceil(archive.length / ARCHIVE_CAP), 1);
  const bounds = [recentFrom];
  for (let j = 1; j < k; j++) bounds.push(archive[Math.floor((j * archive.length) / k) - 1]!);
  return [...new Set(bounds)].sort();
}

/** The recent tier's items sealed into the archive: all of them when forced, else all but the newest RECENT_KEEP. */
export function sealBound(recentNewestFirst: readonly string[], force: boolean): string | null {
  if (recentNewestFirst.length === 0) return null;
  if (force) return new Date(Date.parse(recentNewestFirst[0]!) + 1).toISOString();
  return recentNewestFirst.length > RECENT_MAX ? recentNewestFirst[RECENT_KEEP - 1]! : null;
}

/**
 * The archive tiers' bounds after a seal: the newest run of tiers that the tier before it outgrows
 * less than GROWTH times joins it, as one merge (a cascade indexes its result once), within
 * ARCHIVE_CAP; then a tier retention left at less than half the newer one beside it (it takes items
 * from the old end) joins that one, within ARCHIVE_CAP: not at merely smaller, which joined a full
 * build's equal tiers at the first seal after retention bit (9,850 documents indexed again at 20,000).
 */
export async function mergeBounds(bounds: readonly string[], countOf: (from: string | null, to: string | null) => Promise<number>): Promise<string[]> {
  const b = [...bounds];
  // With k bounds there are k archive tiers (the k+1th is recent): archive tier i is [b[i-1], b[i]).
  const sizes: number[] = [];
  for (const r of rangesOf(b).slice(0, -1)) sizes.push(await countOf(r.from, r.to));
  const join = (first: number, last: number) => {
    b.splice(first, last - first);
    sizes.splice(first, last - first + 1, sizes.slice(first, last + 1).reduce((a, n) => a + n, 0));
  };
  const newest = sizes.length - 1;
  let first = newest;
  let held = sizes[newest] ?? 0;
  while (first > 0 && sizes[first - 1]! < GROWTH * held && sizes[first - 1]! + held <= ARCHIVE_CAP) held += sizes[--first]!;
  if (first < newest) join(first, newest);
  for (let i = 1; i < sizes.length; i++) if (GROWTH * sizes[i - 1]! < sizes[i]! && sizes[i - 1]! + sizes[i]! <= ARCHIVE_CAP) join(i - 1, i--);
  return b;
}

/** The tiers' ranges, oldest first. */
export const rangesOf = (bounds: readonly string[]): Array<{ from: string | null; to: string | null }> =>
  [null, ...bounds].map((from, i) => ({ from, to: bounds[i] ?? null }));

export const inRange = (sortAt: string, r: { from: string | null; to: string | null }): boolean => (r.from === null || sortAt >= r.from) && (r.to === null || sortAt < r.to);
