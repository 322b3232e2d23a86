import type { ItemCursor, ItemFilter, OutputPart, Store } from '../store/index.js';
import { HOME, levelKey, type Level } from './list-keys.js';
import { namesOf } from './paths.js';
import { noteOf } from './pages/articles.js';
import type { Tree } from './model.js';

const STATE = 'retired';

/**
 * Items that left each list from its old end (retention takes the oldest) since its pages were first
 * numbered, by `list-keys` key. Page N holds the list's items N × perPage back from the oldest ever
 * listed, so page N keeps its items while the oldest go: the lowest page gets fewer, then goes. The
 * counts only grow and are kept in the store, so every build, full or not, numbers pages alike.
 */
export interface Retired {
  /** How many items list `key` has lost from its old end. */
  count(key: string): number;
  /** Whether this build took items from the old end of list `key`: its lowest pages change. */
  grew(key: string): boolean;
  /** Whether item `id` left list `key` from its old end in this build: its place moves no page above. */
  from(key: string, id: string): boolean;
}

interface Kept {
  /** The change number the counts are true at: removals after it are counted by the next build. */
  seq: number;
  lists: Record<string, number>;
}

export interface RetiredInput {
  store: Store;
  out: OutputPart;
  stories: boolean;
  tree: Tree;
  /** Item ids removed after a change number, with their article files (see `prunedArticles`). */
  gone: (since: number) => Promise<string[]>;
}

/** Counts this build's removals from the lists' old ends into the kept counts and keeps them, at once. */
export async function retiredFromLists(input: RetiredInput, upTo: number): Promise<Retired> {
  const { store, out } = input;
  const kept = JSON.parse((await out.values([STATE])).get(STATE) ?? 'null') as Kept | null;
  const counts = new Map(Object.entries(kept?.lists ?? {}));
  const gone = await input.gone(kept?.seq ?? (await out.synced()));
  const notes = await out.notes(gone);
  // Where each removed item stood, per list it was in.
  const places = new Map<string, { filter: ItemFilter; at: ItemCursor[] }>();
  const add = (key: string, filter: ItemFilter, at: ItemCursor) => {
    const p = places.get(key) ?? places.set(key, { filter, at: [] }).get(key)!;
    if (!p.at.some((c) => c.id === at.id)) p.at.push(at);
  };
  for (const id of gone) {
    const note = noteOf(notes.get(id));
    if (!note?.at) continue;
    const at = { sortAt: note.at, id };
    add(HOME, {}, at);
    for (const channel of [note.names, ...(note.places ?? [])]) {
      const n = namesOf(channel);
      for (const level of [{ category: n.category }, { category: n.category, site: n.site }, n] as Level[]) add(levelKey(level), level, at);
    }
  }
  const taken = new Map<string, Set<string>>();
  for (const [key, { filter, at }] of places) {
    at.sort((a, b) => (a.sortAt < b.sortAt ? -1 : a.sortAt > b.sortAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // A removed place is at the old end when no item still listed is older; true of the oldest places
    // first, so the count is found by halving (one look-up where retention took only old items).
    const atOldEnd = async (c: ItemCursor) => (await store.items.query({ ...filter, stories: input.stories, fields: 'summary', limit: 1, after: c })).items.length === 0;
    let [lo, hi] = [0, at.length];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (await atOldEnd(at[mid - 1]!)) lo = mid;
      else hi = mid - 1;
    }
    if (lo === 0) continue;
    counts.set(key, (counts.get(key) ?? 0) + lo);
    taken.set(key, new Set(at.slice(0, lo).map((c) => c.id)));
  }
  // Lists that are gone forget their count.
  const live = new Set([HOME]);
  for (const c of input.tree.categories) {
    live.add(levelKey({ category: c.name }));
    for (const s of c.sites) {
      live.add(levelKey({ category: c.name, site: s.name }));
      for (const ch of s.channels) live.add(levelKey({ category: c.name, site: s.name, channel: ch.name }));
    }
  }
  for (const key of counts.keys()) if (!live.has(key)) counts.delete(key);
  await out.setValues(new Map([[STATE, JSON.stringify({ seq: upTo, lists: Object.fromEntries(counts) } satisfies Kept)]]));
  return {
    count: (key) => counts.get(key) ?? 0,
    grew: (key) => taken.has(key),
    from: (key, id) => taken.get(key)?.has(id) ?? false,
  };
}
