import { inSeqOrder, type ItemSummary, type NameCounts, type OutputPart, type Store } from '../store/index.js';
import type { SourceNames } from '../sources/index.js';
import { placesOf } from './pages/articles.js';
import { namesOf } from './paths.js';
import { ARTICLES, dayKey, HOME, levelKey, levelKeys, oldestFirst } from './list-keys.js';

/** What the store holds per name and per day: the tree and the archives are drawn from it. */
export interface Tally {
  counts: NameCounts;
  days: Array<{ day: string; items: number }>;
  /** Every item shown, each report apart: the article pages. */
  articles: number;
}

interface Kept extends Tally {
  /** The settings the counts follow (`site.stories`, the day's offset). */
  id: string;
  /** The change number they are true at. */
  seq: number;
  /** Whether each item's note says which lists it counts in, so changes can be applied one by one. */
  delta: boolean;
}

const KEY = 'tally';
/** Notes (one per item) of the lists each item counts in, kept apart from the site's page notes. */
export const COUNTED = 'site-counted';
const READ = 500;
const EVERY = 1_000_000_000;

interface Options {
  seq: number;
  stories: boolean;
  offset: number;
  /** Count everything again (a full build). */
  fresh: boolean;
  sourceNames: ReadonlyMap<string, SourceNames>;
}

/**
 * The store's counts as of change `seq`, kept in the site's state. A build that finds the store as the
 * last one left it reads them back; one that finds changes applies them item by item — each item's
 * note says which lists it counted in, and the item now, with its story's other reports, says which
 * it counts in — so 100 new items cost 100 items, not a count of every list. Counting everything (a
 * full build, new settings) also writes every item's note, and the item-by-item rule is used only
 * where it gave exactly the store's own counts.
 */
export async function tallyOf(store: Store, out: OutputPart, o: Options): Promise<Tally & { removed: Removed | null }> {
  const id = JSON.stringify([2, o.stories, o.offset]);
  const text = o.fresh ? undefined : (await out.values([KEY])).get(KEY);
  const kept = text ? (JSON.parse(text) as Kept) : null;
  if (kept?.id === id && kept.seq === o.seq) return { counts: kept.counts, days: kept.days, articles: kept.articles, removed: new Map() };
  let tally: Tally & { delta: boolean };
  let removed: Removed | null = null;
  if (kept?.id === id && kept.delta && kept.seq < o.seq) {
    const changes = await applyChanges(store, kept, o);
    removed = changes.removed;
    tally = { ...changes.tally, delta: true };
  }
  // Where the item-by-item rule once disagreed with the store, only a full build tries it again.
  else tally = await countAll(store, o, kept?.id !== id || kept.delta);
  await out.setValues(new Map([[KEY, JSON.stringify({ id, seq: o.seq, ...tally } satisfies Kept)]]));
  const { counts, days, articles } = tally;
  return { counts, days, articles, removed };
}

/** Items removed since the last count, by id: the lists (keys) each counted in then. */
export type Removed = ReadonlyMap<string, readonly string[]>;

type Counted = Pick<ItemSummary, 'id' | 'sortAt' | 'storyId' | 'hiddenBy' | 'names' | 'sourceIds'>;

/** The lists (keys) an item counts in: none when hidden; with stories, those where no earlier report of its story is. */
function countedIn(item: Counted, story: ReadonlyMap<string, string[]> | undefined, o: Options): string[] {
  if (item.hiddenBy !== null) return [];
  if (!o.stories || item.storyId === null) return [ARTICLES, ...listsOf(item, o)];
  return story?.get(item.id) ?? [ARTICLES, ...listsOf(item, o)];
}

/** Each shown report of one story and the lists it counts in, walking the reports first to last: what an earlier one is in, a later one is not. */
function storyCounted(reports: readonly Counted[], o: Options): Map<string, string[]> {
  const seen = new Set<string>();
  const out = new Map<string, string[]>();
  const ordered = reports.filter((r) => r.hiddenBy === null).sort(oldestFirst);
  for (const r of ordered) {
    const lists = listsOf(r, o);
    out.set(r.id, [ARTICLES, ...lists.filter((k) => !seen.has(k))]);
    for (const k of lists) seen.add(k);
  }
  return out;
}

/** Every list an item is in: home, its channels and their sites and categories, its day (the store's day buckets, at the kept offset). */
function listsOf(item: Counted, o: Options): string[] {
  const levels = new Set(placesOf(o, item).flatMap((key) => levelKeys(namesOf(key))));
  return [HOME, ...levels, dayKey(new Date(Date.parse(item.sortAt) + o.offset * 60_000).toISOString().slice(0, 10))];
}

/** The store's own counts, and every item's note when the item-by-item rule gives the same. */
async function countAll(store: Store, o: Options, tryDelta: boolean): Promise<Tally & { delta: boolean }> {
  const tally: Tally = { counts: await store.items.counts({ stories: o.stories }), days: await store.items.days(o.offset, { stories: o.stories }), articles: await store.items.count({}) };
  if (!tryDelta) return { ...tally, delta: false };
  // What the rule reads of each item, and no more: this holds every item at once.
  const items: Counted[] = [];
  for await (const batch of inSeqOrder((after) => store.items.changes(after, READ * 4, 'summary'), 0)) {
    for (const i of batch) items.push({ id: i.id, sortAt: i.sortAt, storyId: i.storyId, hiddenBy: i.hiddenBy, names: i.names, sourceIds: i.sourceIds });
  }
  const stories = new Map<string, Counted[]>();
  for (const i of items) if (i.storyId !== null) (stories.get(i.storyId) ?? stories.set(i.storyId, []).get(i.storyId)!).push(i);
  const counted = new Map<string, string[]>();
  if (o.stories) for (const reports of stories.values()) for (const [id, lists] of storyCounted(reports, o)) counted.set(id, lists);
  const totals = new Map<string, number>();
  const notes = new Map<string, string>();
  for (const i of items) {
    const lists = counted.get(i.id) ?? countedIn(i, undefined, o);
    for (const k of lists) totals.set(k, (totals.get(k) ?? 0) + 1);
    notes.set(i.id, JSON.stringify(lists));
  }
  const delta = sameCounts(toTally(totals), tally);
  if (delta) {
    const out = store.outputs(COUNTED);
    const all = [...notes];
    for (let k = 0; k < all.length; k += READ * 4) await out.setNotes(new Map(all.slice(k, k + READ * 4)));
  }
  return { ...tally, delta };
}

/** The kept counts moved by what changed since: each changed, removed or story-mate item's lists then and now. */
async function applyChanges(store: Store, kept: Kept, o: Options): Promise<{ tally: Tally; removed: Removed }> {
  const now = new Map<string, ItemSummary>();
  for await (const batch of inSeqOrder((after) => store.items.changes(after, READ, 'summary'), kept.seq)) for (const i of batch) now.set(i.id, i);
  const storyIds = [...new Set([...now.values()].flatMap((i) => (i.storyId ? [i.storyId] : [])))];
  const stories = o.stories && storyIds.length > 0 ? await store.stories.reports(storyIds, EVERY) : new Map();
  // A story's other reports may count in a list now that they did not (or no longer): they are looked at too.
  for (const s of stories.values()) for (const m of s.first) if (!now.has(m.id)) now.set(m.id, m);
  const removed = await store.items.removedSince(kept.seq);
  const ids = [...new Set([...now.keys(), ...removed])];
  const counted = store.outputs(COUNTED);
  const totals = fromTally(kept);
  const walked = new Map<string, Map<string, string[]>>();
  const storyOf = (id: string) => walked.get(id) ?? walked.set(id, storyCounted(stories.get(id)?.first ?? [], o)).get(id)!;
  const notes = new Map<string, string>();
  const gone = new Map<string, string[]>();
  for (let k = 0; k < ids.length; k += READ) {
    const slice = ids.slice(k, k + READ);
    const before = await counted.notes(slice);
    for (const id of slice) {
      const item = now.get(id);
      const was = JSON.parse(before.get(id) ?? '[]') as string[];
      const is = item ? countedIn(item, item.storyId ? storyOf(item.storyId) : undefined, o) : [];
      for (const key of was) totals.set(key, (totals.get(key) ?? 0) - 1);
      for (const key of is) totals.set(key, (totals.get(key) ?? 0) + 1);
      if (item && JSON.stringify(is) !== (before.get(id) ?? '[]')) notes.set(id, JSON.stringify(is));
      if (!item) gone.set(id, was);
    }
  }
  await counted.setNotes(notes);
  await counted.forget(removed);
  return { tally: toTally(totals), removed: gone };
}

const bytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

function fromTally(t: Tally): Map<string, number> {
  const m = new Map<string, number>([[HOME, t.counts.total], [ARTICLES, t.articles]]);
  for (const c of t.counts.categories) m.set(levelKey(c), c.items);
  for (const s of t.counts.sites) m.set(levelKey(s), s.items);
  for (const n of t.counts.channels) m.set(levelKey(n), n.items);
  for (const d of t.days) m.set(dayKey(d.day), d.items);
  return m;
}

/** In the store's order: names by their bytes (SQLite's BINARY, PostgreSQL's "C"), days newest first. */
function toTally(m: ReadonlyMap<string, number>): Tally {
  const names: Array<{ parts: string[]; key: string; items: number }> = [];
  const days: Array<{ day: string; items: number }> = [];
  for (const [key, items] of m) {
    if (items <= 0 || key === HOME || key === ARTICLES) continue;
    if (key.startsWith(dayKey(''))) days.push({ day: key.slice(dayKey('').length), items });
    else names.push({ parts: key.split('\u0001'), key, items });
  }
  names.sort((a, b) => bytes(a.key, b.key));
  days.sort((a, b) => (a.day < b.day ? 1 : -1));
  const level = (n: number) => names.filter((x) => x.parts.length === n);
  return {
    counts: {
      channels: level(3).map(({ parts: [category = '', site = '', channel = ''], items }) => ({ category, site, channel, items })),
      sites: level(2).map(({ parts: [category = '', site = ''], items }) => ({ category, site, items })),
      categories: level(1).map(({ parts: [category = ''], items }) => ({ category, items })),
      total: m.get(HOME) ?? 0,
    },
    days,
    articles: m.get(ARTICLES) ?? 0,
  };
}

const sameCounts = (a: Tally, b: Tally): boolean => JSON.stringify(a) === JSON.stringify(b);
