import { readFileSync } from 'node:fs';
import type { ItemCursor, ItemPage, ItemSummary } from '../../store/index.js';
import { targetPath } from '../../shared/index.js';
import { pageKey, type BuildContext } from '../context.js';
import { articleSlugs } from '../pages/articles.js';
import { readDoc, sourceDocOf } from './doc-text.js';
import { TierIndex } from './postings.js';
import { docIds, goneCount, keepDocIds, removeFragments, short, toRanges } from './gone.js';
import { fragmentJson, shownDocOf } from './tier-read.js';
import { inRange, type TierState } from './tiers.js';
import { oldestFirst } from '../list-keys.js';

/**
 * An archive tier patched, not indexed again, when items in its range went, changed or arrived late
 * (an edited old story, a new source's back catalogue): the documents of items that went or changed
 * are marked gone (readers leave them out) and the items now in its range are appended, numbered after
 * its last document, each told which document it follows in newest-first order (`order`), so results
 * come in the order a whole index gives. Their postings go to shards of their own (`a<k>.bin`, the
 * tier's `delta`), which a reader reads beside the tier's: an edit writes those few files, not a
 * quarter of the tier's thousands of shards, and reads no other body. It is indexed whole once more
 * than MAX_GONE of its documents are gone or MAX_APPENDED appended.
 */
const MAX_GONE = 0.25;
// Its `order` goes into the list of tiers every search fetches: 5 % of a 25,000-document tier is ~15 KB there.
const MAX_APPENDED = 0.05;

export interface TierChanges {
  /** Items changed or new since the last build, where they stand now. */
  current: readonly ItemSummary[];
  /** Where the changed ones stood. */
  left: ReadonlyArray<{ id: string; at: string }>;
  /** Items removed or hidden, and where they stood. */
  gone: ReadonlyArray<{ id: string; at: string }>;
}

/** Appended documents in newest-first order, each with the number of the first-indexed document before it (−1: none). */
export type Order = Array<[number, number]>;

/**
 * The tier after the patch, and how many documents were indexed; null when it must be indexed whole
 * (its list of documents is not what it should be, too much of it is gone or appended, or its shards do
 * not read back).
 */
export async function patchTier(ctx: BuildContext, old: TierState, count: number, changes: TierChanges): Promise<{ tier: TierState; indexed: number } | null> {
  const ids = await docIds(ctx, old.dir);
  if (!ids || ids.length !== old.count + goneCount(old.gone)) return null;
  const numberOf = new Map(ids.map((id, n) => [id, n]));
  const gone = new Set<number>();
  for (const [a, b] of old.gone ?? []) for (let n = a; n <= b; n++) gone.add(n);
  const removed: number[] = [];
  for (const { id, at } of [...changes.left, ...changes.gone]) {
    if (!inRange(at, old)) continue;
    const n = numberOf.get(short(id));
    if (n === undefined) return null;
    if (!gone.has(n)) removed.push(n);
    gone.add(n);
  }
  const arriving = changes.current.filter((i) => i.hiddenBy === null && inRange(i.sortAt, old));
  const docs = ids.length + arriving.length;
  // The documents appended before that are still live.
  const kept = (old.order ?? []).filter(([n]) => !gone.has(n));
  const appended = kept.length + arriving.length;
  if (old.count - removed.length + arriving.length !== count || gone.size > MAX_GONE * docs || appended > MAX_APPENDED * docs) return null;
  const marked = { ...old, count, ...(gone.size > 0 ? { gone: toRanges([...gone].sort((a, b) => a - b)) } : {}) };
  if (arriving.length === 0) {
    await removeFragments(ctx, old.dir, removed);
    return { tier: { ...withoutOrder(marked), ...(kept.length ? { order: kept } : {}) }, indexed: 0 };
  }

  // Numbered in the order given, after the tier's documents.
  const items = await ctx.store.items.byIds(arriving.map((i) => i.id), 'full');
  if (items.length !== arriving.length) return null;
  items.forEach((i, k) => numberOf.set(short(i.id), ids.length + k));
  const order = await placed(ctx, old, kept, items.map((i, k) => ({ n: ids.length + k, at: { sortAt: i.sortAt, id: i.id } })), numberOf, gone);
  if (!order) return null;
  // Appended documents go to the tier's own small index beside its shards, read back and cut again
  // whole (it grows as they come, and postings are never taken out of it, so it never takes fewer shards).
  const delta = (k: number) => `${old.dir}a${k}.bin`;
  let shards: Uint8Array[];
  const shown: string[] = [];
  try {
    const index = TierIndex.resume(Array.from({ length: old.delta ?? 0 }, (_, k) => readFileSync(targetPath(ctx.site.out, delta(k)))), ids.length);
    for (const item of items) {
      const r = readDoc(sourceDocOf(item));
      index.add(r.index);
      shown.push(r.shown);
    }
    shards = index.shards();
  } catch {
    // A shard missing or cut short: the tier is indexed whole.
    return null;
  }
  // The tier's ids first: a build killed while its files are written leaves ids its state does not
  // count, and the next build indexes it whole rather than appending to shards half rewritten.
  await keepDocIds(ctx, old.dir, [...ids, ...items.map((i) => i.id)]);
  await removeFragments(ctx, old.dir, removed);
  const rels = await articleSlugs(ctx, items);
  for (const [k, item] of items.entries()) {
    const rel = `${old.dir}d/${ids.length + k}.json`;
    await ctx.writer.add(pageKey(rel), rel, fragmentJson(ctx.paths.href(rels.get(item.id)!), shownDocOf(item, shown[k]!)));
  }
  for (const [k, bytes] of shards.entries()) await ctx.writer.add(pageKey(delta(k)), delta(k), bytes);
  return { tier: { ...withoutOrder(marked), order, delta: shards.length }, indexed: items.length };
}

const withoutOrder = ({ order: _, ...t }: TierState): TierState => t;

/**
 * The order with the new documents placed: each after the first-indexed document nearest above it in
 * newest-first order (those keep their numbers, and an appended document's place among them holds
 * while others come and go), and after the appended ones between them that are newer. Found by walking
 * up from each new item to that document: a few items, not the tier. Null when an item met has no
 * live document.
 */
async function placed(ctx: BuildContext, tier: TierState, order: Order, docs: ReadonlyArray<{ n: number; at: ItemCursor }>, numberOf: ReadonlyMap<string, number>, gone: ReadonlySet<number>): Promise<Order | null> {
  const appended = new Set([...order.map(([n]) => n), ...docs.map((d) => d.n)]);
  const out = [...order];
  const listed = new Set(out.map(([m]) => m));
  const arriving = new Set(docs.map((d) => d.n));
  const groupStart = (before: number) => {
    const i = out.findIndex(([, b]) => b >= before);
    return i < 0 ? out.length : i;
  };
  // Newest first: a walk up from one stops at the new one just above it, if that is nearer than a
  // first-indexed document (a back catalogue's items, side by side, cost a query each).
  for (const { n, at } of [...docs].sort((a, b) => oldestFirst(b.at, a.at))) {
    let before = -1;
    let newer = 0;
    let from: ItemCursor | null = at;
    walk: while (from) {
      const page: ItemPage<ItemSummary> = await ctx.store.items.query({ fields: 'summary', limit: 20, oldestFirst: true, newer: from, ...(tier.from ? { since: tier.from } : {}), ...(tier.to ? { until: tier.to } : {}) });
      for (const item of page.items) {
        const m = numberOf.get(short(item.id));
        if (m === undefined || gone.has(m)) return null;
        if (!appended.has(m)) {
          before = m;
          break walk;
        }
        if (arriving.has(m)) {
          // Placed already: this one goes right after it, past the listed ones between.
          const i = out.findIndex(([d]) => d === m);
          before = out[i]![1];
          newer += i - groupStart(before) + 1;
          break walk;
        }
        if (listed.has(m)) newer++;
      }
      from = page.next;
    }
    // Entries run by the document they follow, from −1 up; within one, newest first.
    out.splice(groupStart(before) + newer, 0, [n, before]);
    listed.add(n);
  }
  return out;
}
