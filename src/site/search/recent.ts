import { readFileSync } from 'node:fs';
import { targetPath } from '../../shared/index.js';
import type { BuildContext } from '../context.js';
import { TierIndex } from './postings.js';
import { inRange, type TierState } from './tiers.js';

/** The recent tier's index as its shards left it, to take the items after `after` (its newest). */
export interface Resume {
  index: TierIndex;
  after: string;
  /** Documents it holds: the new ones are numbered from here. */
  docs: number;
}

/**
 * The recent tier read back from its shards when all that changed in it is items newer than any it
 * holds (numbered oldest first, they take the next numbers): a build then indexes its new items only,
 * not the 100–400 it held. Null when an item it holds changed, moved or went, when one arrived among
 * them, or when its shards are not on disk as the last build wrote them: it is indexed whole.
 */
export function resumeRecent(ctx: BuildContext, old: TierState, count: number, changes: { current: ReadonlyArray<{ sortAt: string }>; left: ReadonlyArray<{ at: string }> | null; gone: ReadonlyArray<{ at: string }> | null }): Resume | null {
  const range = { from: old.from, to: null };
  const { newest } = old;
  if (!old.oldestFirst || newest === undefined || changes.left === null || changes.gone === null) return null;
  if (changes.left.some((l) => inRange(l.at, range)) || changes.gone.some((g) => inRange(g.at, range))) return null;
  const arrived = changes.current.map((i) => i.sortAt).filter((s) => inRange(s, range));
  if (arrived.some((s) => s <= newest) || count !== old.count + arrived.length) return null;
  const shards: Uint8Array[] = [];
  try {
    for (let k = 0; k < old.shards; k++) shards.push(readFileSync(targetPath(ctx.site.out, `${old.dir}${k}.bin`)));
    return { index: TierIndex.resume(shards, old.count), after: newest, docs: old.count };
  } catch {
    // A shard missing or cut short: the tier is indexed whole, as before this build knew better.
    return null;
  }
}
