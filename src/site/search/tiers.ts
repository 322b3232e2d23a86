/**
 * Which items each search tier holds. Tiers cut the newest-first order by `sortAt`: boundaries
 * b1 < b2 < … make tiers [−∞, b1), [b1, b2), …, [bk, +∞); the last is the recent tier, rebuilt
 * whenever an item in it changes; archive tiers are rebuilt only when one of theirs changes,
 * appears or goes. The recent tier is sealed into a new archive tier once it passes RECENT_MAX,
 * and the two neighbouring archive tiers with the fewest items are merged while there are more
 * than ARCHIVE_TIERS — but never into a tier of more than ARCHIVE_CAP items, so no build indexes
 * more than that however large the store (an item is indexed again a few times in its life, as
 * small tiers merge into larger ones), and a query reads about one tier per ARCHIVE_CAP / 2 items.
 */
export const RECENT_KEEP = 200;
export const RECENT_MAX = 1000;
export const ARCHIVE_TIERS = 4;
export const ARCHIVE_CAP = 25_000;
const ARCHIVE_MIN = 2000;

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
 * Drops the boundary between the two neighbouring archive tiers with the fewest items, while there
 * are more than ARCHIVE_TIERS and two neighbours fit in ARCHIVE_CAP together.
 */
export async function mergeBounds(bounds: readonly string[], countOf: (from: string | null, to: string | null) => Promise<number>): Promise<string[]> {
  const b = [...bounds];
  // With k bounds there are k archive tiers (the k+1th is recent): archive tier i is [b[i-1], b[i]).
  const sizes: number[] = [];
  for (const r of rangesOf(b).slice(0, -1)) sizes.push(await countOf(r.from, r.to));
  while (sizes.length > ARCHIVE_TIERS) {
    let best = 0;
    let bestSize = ARCHIVE_CAP + 1;
    for (let i = 1; i < sizes.length; i++) if (sizes[i - 1]! + sizes[i]! < bestSize) [best, bestSize] = [i, sizes[i - 1]! + sizes[i]!];
    if (best === 0) break;
    b.splice(best - 1, 1);
    sizes.splice(best - 1, 2, bestSize);
  }
  return b;
}

/** The tiers' ranges, oldest first. */
export const rangesOf = (bounds: readonly string[]): Array<{ from: string | null; to: string | null }> =>
  [null, ...bounds].map((from, i) => ({ from, to: bounds[i] ?? null }));

export const inRange = (sortAt: string, r: { from: string | null; to: string | null }): boolean => (r.from === null || sortAt >= r.from) && (r.to === null || sortAt < r.to);
