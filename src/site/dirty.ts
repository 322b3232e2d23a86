import { inSeqOrder, type ItemCursor, type ItemSummary } from '../store/index.js';
import type { BuildContext } from './context.js';
import { namesKey, namesOf } from './paths.js';
import { ARTICLES, dayKey, HOME, levelKeys, oldestFirst } from './list-keys.js';
import { noteOf, placesOf, type ArticleNote } from './pages/articles.js';
import type { Retired } from './retired.js';

const READ = 500;

/** What changed since the last build: items (by id), the channels (owner's and carriers') and days they were and are in. */
export interface Dirty {
  any: boolean;
  items: Set<string>;
  channels: Set<string>;
  days: Set<string>;
  /** Each list that changed (by its `list-keys` key): the oldest place in it that did (null: unknown, every page). */
  from: Map<string, ItemCursor | null>;
  /** Each list that changed: the newest place in it that did (null: unknown). Above it the list is as it was: its feeds may be. */
  newest: Map<string, ItemCursor | null>;
  /** The same for the list's numbered pages: an item gone from a list's old end moves none of them (`Retired`). */
  pages: Map<string, ItemCursor | null>;
  /** Items edited where they stood (the same place and story), by each list they were and are in: there only the pages holding them change. */
  edited: Map<string, ItemCursor[]>;
  /** The items changed since and where they stood before (`sortAt`), or null when an old note did not say. */
  left: Array<{ id: string; at: string }> | null;
  /** The items removed (or hidden) since, and where they stood; null when an old note did not say. */
  gone: Array<{ id: string; at: string }> | null;
}

/** Where a list's build starts: null for a full build or a list whose changes are not all known. */
export const fromOf = (dirty: Dirty | null, key: string): ItemCursor | null => dirty?.from.get(key) ?? null;

/**
 * Where a list's numbered pages start to change: null for every page (a full build, or nothing known of
 * the list), undefined for none (only items retired from its old end: its ends change).
 */
export const pagesFrom = (dirty: Dirty | null, key: string): ItemCursor | null | undefined =>
  !dirty ? null : dirty.pages.has(key) ? dirty.pages.get(key)! : dirty.from.has(key) ? undefined : null;

/** The places of items edited where they stood in a list (`Dirty.edited`). */
export const editedIn = (dirty: Dirty | null, key: string): readonly ItemCursor[] => dirty?.edited.get(key) ?? [];

/**
 * Where a list's newest items may have changed: null for anywhere (a full build, or a place not known),
 * undefined for nowhere (the list did not change), else the newest place in it that did.
 */
export const newestIn = (dirty: Dirty | null, key: string): ItemCursor | null | undefined => (!dirty ? null : dirty.newest.get(key));

/** Whether `at` lies past `was` in a direction (-1 older, 1 newer); an unknown place (null) lies past every other. */
const past = (dir: -1 | 1, at: ItemCursor | null, was: ItemCursor | null | undefined) => was === undefined || (was !== null && (at === null || dir * oldestFirst(at, was) > 0));

export async function changed(ctx: BuildContext, since: number, retired: Retired): Promise<Dirty> {
  const d: Dirty = { any: false, items: new Set(), channels: new Set(), days: new Set(), from: new Map(), newest: new Map(), pages: new Map(), edited: new Map(), left: [], gone: [] };
  // A place in the lists of these channels and that day, at `at` (null when an old note did not say),
  // but in the lists `kept`, which an item edited where it stood is still in: there it moves no other.
  const mark = (at: ItemCursor | null, channels: readonly string[], day: string, kept?: ReadonlySet<string>) => {
    for (const c of channels) d.channels.add(c);
    d.days.add(day);
    for (const key of listKeys(channels, day)) {
      if (past(-1, at, d.from.get(key))) d.from.set(key, at);
      if (past(1, at, d.newest.get(key))) d.newest.set(key, at);
      if (at && kept?.has(key)) (d.edited.get(key) ?? d.edited.set(key, []).get(key)!).push(at);
      else if ((at === null || !retired.from(key, at.id)) && past(-1, at, d.pages.get(key))) d.pages.set(key, at);
    }
  };
  const seen = async (ids: string[], current: ItemSummary[]) => {
    const notes = new Map([...(await ctx.out.notes(ids))].map(([id, text]) => [id, noteOf(text)]));
    const kept = new Map<string, Set<string>>();
    for (const item of current) {
      const note = notes.get(item.id);
      if (note && sameStand(note, item)) {
        const was = new Set(listKeys([note.names, ...(note.places ?? [])], note.day));
        kept.set(item.id, new Set(listKeys(placesOf(ctx, item), ctx.clock.day(item.sortAt)).filter((k) => was.has(k))));
      }
    }
    for (const id of ids) {
      const note = notes.get(id);
      if (!note) continue;
      // The lists it left (all of them, unless it stands where it stood).
      mark(note.at ? { sortAt: note.at, id } : null, [note.names, ...(note.places ?? [])], note.day, kept.get(id));
      if (current.length === 0) {
        if (d.gone && note.at) d.gone.push({ id, at: note.at });
        else d.gone = null;
      } else if (d.left && note.at) d.left.push({ id, at: note.at });
      else d.left = null;
    }
    for (const i of current) {
      d.items.add(i.id);
      mark({ sortAt: i.sortAt, id: i.id }, placesOf(ctx, i), ctx.clock.day(i.sortAt), kept.get(i.id));
    }
  };
  for await (const batch of inSeqOrder((after) => ctx.store.items.changes(after, READ, 'summary'), since)) await seen(batch.map((i) => i.id), batch);
  const gone = await prunedArticles(ctx, since);
  await seen([...new Set(gone.map((f) => f.itemId))], []);
  d.any = d.items.size > 0 || gone.length > 0;
  return d;
}

/** The lists an item in these channels on that day is in. */
const listKeys = (channels: readonly string[], day: string): string[] => [...new Set([HOME, ARTICLES, ...channels.flatMap((c) => levelKeys(namesOf(c))), dayKey(day)])];

/**
 * Whether an item changed where it stood: its place, owner and story as the last build left them, and
 * shown. In the lists it is still in, no other item moves; lists it joined (a new carrier's) or left move.
 */
const sameStand = (note: ArticleNote, item: ItemSummary): boolean =>
  note.at === item.sortAt && note.names === namesKey(item.names) && note.story !== undefined && note.story === item.storyId && item.hiddenBy === null;

/** Article pages whose item is gone (redirects in `p/` belong to no item and stay); with `since`, of items gone after it. */
export const prunedArticles = async (ctx: Pick<BuildContext, 'out'>, since?: number) => (await ctx.out.orphans('p/', since)).filter((f) => !f.itemId.startsWith('/'));

