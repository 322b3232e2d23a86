import type { ItemCursor, ItemFilter, OutputPart, Store } from '../store/index.js';
import { ARTICLES, HOME, levelKey, levelOf, oldestFirst } from './list-keys.js';
import { noteOf } from './pages/articles.js';
import type { Tree } from './model.js';
import type { Removed } from './tally.js';

const STATE = 'retired';

/**
 * Items that left each list from its old end (retention takes the oldest) since its pages were first
 * numbered, by `list-keys` key (`ARTICLES` for the sitemap's files). Page N holds the list's items N × perPage back from the oldest ever
 * listed, so page N keeps its items while the oldest go: the lowest page gets fewer, then goes. The
 * counts only grow and are kept in the store, so every build, full or not, numbers pages alike. An
 * item counts when the tally says it was in the list (a story's later report is not) and no item
 * still listed is older; any other removal is a change the pages above it are written again for.
 */
export interface Retired {
  /** How many items list `key` has lost from its old end. */
  count(key: string): number;
  /** Whether this build took items from the old end of list `key`: its lowest pages change. */
  grew(key: string): boolean;
  /** Whether item `id` left list `key` from its old end in this build: its place moves no page above. */
  from(key: string, id: string): boolean;
}

export interface RetiredInput {
  store: Store;
  out: OutputPart;
  stories: boolean;
  tree: Tree;
  /** What the tally says was removed since the last build, and which lists each item counted in; null when it does not know. */
  removed: Removed | null;
}

/** Counts this build's removals from the lists' old ends into the kept counts and keeps them. */
export async function retiredFromLists(input: RetiredInput): Promise<Retired> {
  const { store, out, removed } = input;
  const counts = new Map(Object.entries(JSON.parse((await out.values([STATE])).get(STATE) ?? '{}') as Record<string, number>));
  const notes = await out.notes([...(removed?.keys() ?? [])]);
  // Where each removed item stood (its article's note), in each list it counted in.
  const places = new Map<string, ItemCursor[]>();
  for (const [id, lists] of removed ?? []) {
    const at = noteOf(notes.get(id))?.at;
    if (!at) continue;
    for (const key of lists) if (levelOf(key) !== null) (places.get(key) ?? places.set(key, []).get(key)!).push({ sortAt: at, id });
  }
  const taken = new Map<string, Set<string>>();
  for (const [key, at] of places) {
    // Every article is one list, stories not grouped (the sitemap's).
    const filter: ItemFilter = { ...levelOf(key)!, stories: key !== ARTICLES && input.stories };
    at.sort(oldestFirst);
    // A removed place is at the old end when no item still listed is older; true of the oldest places
    // first, so the count is found by halving (one look-up where retention took only old items).
    const atOldEnd = async (c: ItemCursor) => (await store.items.query({ ...filter, fields: 'place', limit: 1, after: c })).items.length === 0;
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
  const live = new Set([HOME, ARTICLES]);
  for (const c of input.tree.categories) {
    live.add(levelKey({ category: c.name }));
    for (const s of c.sites) {
      live.add(levelKey({ category: c.name, site: s.name }));
      for (const ch of s.channels) live.add(levelKey({ category: c.name, site: s.name, channel: ch.name }));
    }
  }
  let forgot = false;
  for (const key of counts.keys()) if (!live.has(key)) forgot = counts.delete(key);
  if (taken.size > 0 || forgot) await out.setValues(new Map([[STATE, JSON.stringify(Object.fromEntries(counts))]]));
  return {
    count: (key) => counts.get(key) ?? 0,
    grew: (key) => taken.has(key),
    from: (key, id) => taken.get(key)?.has(id) ?? false,
  };
}
