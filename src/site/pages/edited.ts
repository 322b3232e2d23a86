import type { ItemCursor, ItemFilter } from '../../store/index.js';
import type { BuildContext } from '../context.js';
import { oldestFirst } from '../list-keys.js';
import type { Numbering } from '../numbering.js';

/**
 * Each page of a list holding an item edited where it stood (`Dirty.edited`), once, with its items
 * newest first: the rest of the list did not move, so these pages alone change below the newest. The
 * edits are taken newest first, each one's place counted on from the one before (the list counted
 * down once, not once per edit), and its page read by keyset from the item above it; `read` reads
 * `count` items after a place (null: from the newest), `idOf` gives a read item's id.
 */
export async function editedPages<T>(
  ctx: BuildContext,
  filter: ItemFilter,
  numbers: Numbering,
  edited: readonly ItemCursor[],
  read: (after: ItemCursor | null, count: number) => Promise<T[]>,
  idOf: (t: T) => string,
  visit: (n: number, page: readonly T[]) => Promise<void>,
): Promise<void> {
  const places = [...new Map(edited.map((at) => [at.id, at])).values()].sort((a, b) => oldestFirst(b, a));
  const pages = new Map<number, Set<string>>();
  let newer = 0;
  let prev: { at: ItemCursor; listed: boolean } | null = null;
  for (const at of places) {
    // Items newer than this place: those newer than the last one, the last one if listed (a story's
    // later report is not, where lists show a story once), and those between.
    newer += prev ? Number(prev.listed) + (await ctx.store.items.count({ ...filter, newer: at, after: prev.at })) : await ctx.store.items.count({ ...filter, newer: at });
    const n = numbers.pageOf(newer);
    if (!pages.has(n)) {
      // The item just above the page: the one so many places above this one that it is past the page's newest.
      const up = newer - numbers.above(n);
      const above = await ctx.store.items.query({ ...filter, fields: 'place', limit: up + 1, oldestFirst: true, newer: at });
      const last = above.items.length > up ? above.items[up]! : null;
      const page = await read(last ? { sortAt: last.sortAt, id: last.id } : null, numbers.span(n));
      pages.set(n, new Set(page.map(idOf)));
      await visit(n, page);
    }
    prev = { at, listed: pages.get(n)!.has(at.id) };
  }
}
