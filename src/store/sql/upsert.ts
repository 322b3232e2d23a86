import { canonicalUrl } from '../../shared/index.js';
import type { Item } from '../../content/index.js';
import type { SourceNames } from '../../sources/index.js';
import type { ItemOrigin, Upserted } from '../parts/items.js';
import { CANONICAL_ON_UPDATE } from '../moved-link.js';
import { telling, type Place, type Story } from '../ownership.js';
import { insertMany, one, rows, run, type Dialect, type Sql } from './port.js';

const story = (d: Dialect, where: string): string =>
  `SELECT i.id, i.canonical_link, i.entry_hash, i.source_id AS owner, i.content_hash AS hash, coalesce(s.url, '') AS url, coalesce(s.position, 1000000000) AS position
   FROM items i LEFT JOIN sources s ON s.id = i.source_id WHERE ${where} ORDER BY i.id${d.forUpdate('i')}`;

/** The statements of the upsert in a dialect, made once: the same string each time is a prepared statement found at once. */
function statementsOf(d: Dialect) {
  return {
    tombstones: `DELETE FROM tombstones WHERE ${d.inList('id', '@ids')} OR ${d.inList('canonical_link', '@canon')} RETURNING id, canonical_link, first_seen_at`,
    known: story(d, `${d.inList('i.id', '@ids')} OR ${d.inList('i.canonical_link', '@canon')}`),
    byId: story(d, 'i.id = @id'),
    byLink: story(d, 'i.canonical_link = @canonical'),
    touch: `UPDATE items SET seq = ${d.nextSeq} WHERE id = @id`,
    // firstSeenAt never moves; a date the feed stops giving is kept.
    tell: `UPDATE items SET canonical_link = ${CANONICAL_ON_UPDATE}, title = @title, link = @link, published_at = coalesce(@publishedAt, published_at),
         date_text = coalesce(@dateText, date_text), author = @author, excerpt = @excerpt, image = @image,
         categories = @categories, content_hash = @contentHash, updated_at = @at, entry_hash = @entryHash, seq = ${d.nextSeq} WHERE id = @id`,
    seq: { seq: d.nextSeq },
  };
}
const made = new WeakMap<Dialect, ReturnType<typeof statementsOf>>();
const statements = (d: Dialect) => made.get(d) ?? made.set(d, statementsOf(d)).get(d)!;

const ITEM_COLUMNS = ['id', 'source_id', 'canonical_link', 'title', 'link', 'published_at', 'date_text', 'author', 'excerpt', 'image', 'categories',
  'content_hash', 'entry_hash', 'first_seen_at', 'updated_at', 'origin', 'category', 'site', 'channel'] as const;

// The body and the article page it was read from go together: a body from the feed clears the page.
const BODY_COLUMNS = ['item_id', 'html', 'page_url', 'page_etag', 'page_modified'] as const;
const BODY_CONFLICT = 'ON CONFLICT (item_id) DO UPDATE SET html = excluded.html, page_url = excluded.page_url, page_etag = excluded.page_etag, page_modified = excluded.page_modified';
const bodyRow = (id: string, item: Item) => ({ item_id: id, html: item.html, page_url: item.page?.url ?? null, page_etag: item.page?.etag ?? null, page_modified: item.page?.lastModified ?? null });

type Known = Story & { canonical_link: string | null; entry_hash?: string | null };

/** One source's entries for `upsertSources`. */
export interface SourceEntries {
  sourceId: string;
  items: readonly Item[];
  /** When they were read: first sighting of what is new, time of what is told anew. */
  at: Date;
}

/** A new story waiting for the batch's insert. */
interface Fresh {
  r: Upserted;
  sourceId: string;
  item: Item;
  canonical: string | null;
  firstSeen: string;
  when: string;
}

/** A source's items into the store, inside the caller's `items` transaction (see `upsertSources`). */
export function* upsertItems(d: Dialect, sourceId: string, items: readonly Item[], at: Date, origin: ItemOrigin): Sql<Upserted> {
  return (yield* upsertSources(d, [{ sourceId, items, at }], origin))[0]!;
}

/**
 * Several sources' items into the store, inside the caller's `items` transaction, with the result of
 * storing them one source after another, in the order given. A few statements per batch, not per
 * source or item: places, tombstones and known stories are read at once, new items inserted at once.
 * Where an entry tells a story another source of the batch has just brought or told, what waits is
 * inserted first and the story read again, as if that source had been stored alone before; an item
 * whose insert meets another writer's row of the same story (PostgreSQL) takes the story path.
 */
export function* upsertSources(d: Dialect, batch: readonly SourceEntries[], origin: ItemOrigin): Sql<Upserted[]> {
  const results = batch.map(({ items }): Upserted => ({ created: [], updated: [], unchanged: [], duplicates: [], returned: [], storedAs: new Map(items.map((i) => [i.id, i.id])) }));
  const all = batch.flatMap((b) => b.items);
  if (all.length === 0) return results;
  const sql = statements(d);
  const ids = [...new Set(batch.filter((b) => b.items.length > 0).map((b) => b.sourceId))];
  const places = new Map((yield* rows<Place & SourceNames & { id: string }>(`SELECT id, url, position, category, site, channel FROM sources WHERE ${d.inList('id', '@ids')}`, { ids })).map((p) => [p.id, p]));
  const missing = ids.find((id) => !places.has(id));
  if (missing) throw new Error(`cannot store items of ${missing}: the source is not known to the store (sync sources first)`);
  const canonicals = batch.map((b) => b.items.map((i) => canonicalUrl(i.link)));
  const args = { ids: all.map((i) => i.id), canon: canonicals.flat().filter((x): x is string => x !== null) };
  // Listed again after retention removed them: they return, first seen when they were first seen.
  const dead = yield* rows<{ id: string; canonical_link: string | null; first_seen_at: string | null }>(sql.tombstones, args);
  const deadIds = new Map(dead.map((x) => [x.id, x.first_seen_at]));
  const deadLinks = new Map(dead.filter((x) => x.canonical_link !== null).map((x) => [x.canonical_link!, x.first_seen_at]));
  // Locked (PostgreSQL): two writers telling one story take turns.
  const known = yield* rows<Known>(sql.known, args);
  const byId = new Map(known.map((k) => [k.id, k]));
  const byLink = new Map(known.filter((k) => k.canonical_link !== null).map((k) => [k.canonical_link!, k]));
  let fresh: Fresh[] = [];
  // Where in `fresh` a story first seen in this batch is.
  let freshAt = new Map<string, number>();
  // Stories a source of this batch brought or told: the next source reads them again.
  const touchedBy = new Map<string, string>();
  function* flush(): Sql<void> {
    const waiting = fresh;
    [fresh, freshAt] = [[], new Map()];
    yield* insertFresh(d, waiting, origin, places);
  }
  for (const [b, { sourceId, items, at }] of batch.entries()) {
    const r = results[b]!;
    const when = at.toISOString();
    const place = places.get(sourceId)!;
    const graves: string[] = [];
    for (const [k, item] of items.entries()) {
      const canonical = canonicals[b]![k]!;
      const grave = deadIds.has(item.id) ? (deadIds.get(item.id) ?? when) : canonical !== null && deadLinks.has(canonical) ? (deadLinks.get(canonical) ?? when) : undefined;
      if (grave !== undefined) {
        r.returned.push(item.id);
        graves.push(item.id, ...(canonical !== null ? [canonical] : []));
      }
      let told = byId.get(item.id) ?? (canonical ? byLink.get(canonical) : undefined);
      const pending = told ? (freshAt.get(told.id) ?? -1) : -1;
      if (pending >= 0 && fresh[pending]!.sourceId === sourceId) {
        r.storedAs.set(item.id, told!.id);
        // The same story twice in this feed: the later entry tells it, under the first one's id.
        if (told!.hash === item.contentHash) r.unchanged.push(item.id);
        else {
          fresh[pending] = { ...fresh[pending]!, item: { ...item, id: told!.id }, canonical };
          told!.hash = item.contentHash;
          r.updated.push(told!.id);
        }
        continue;
      }
      if (told && (touchedBy.get(told.id) ?? sourceId) !== sourceId) {
        // Another source of this batch brought or told it: stored first, then read as it now is.
        if (pending >= 0) yield* flush();
        told = (yield* one<Known>(sql.byId, { id: item.id })) ?? (canonical ? yield* one<Known>(sql.byLink, { canonical }) : undefined);
        if (told) byId.set(told.id, told);
        if (told?.canonical_link) byLink.set(told.canonical_link, told);
      }
      if (told) {
        r.storedAs.set(item.id, told.id);
        if (yield* storyTold(d, r, told, item, sourceId, place, canonical, when)) touchedBy.set(told.id, sourceId);
      } else {
        freshAt.set(item.id, fresh.push({ r, sourceId, item, canonical, firstSeen: grave ?? when, when }) - 1);
        touchedBy.set(item.id, sourceId);
        // A later entry with the same id or link is the same story: this source's.
        const mine = { id: item.id, owner: sourceId, hash: item.contentHash, url: place.url, position: place.position, canonical_link: canonical, entry_hash: item.entryHash };
        byId.set(item.id, mine);
        if (canonical) byLink.set(canonical, mine);
      }
    }
    // Tombstones are read once for the batch; a later source finds the returned item itself, not its grave.
    for (const key of graves) {
      deadIds.delete(key);
      deadLinks.delete(key);
    }
  }
  yield* flush();
  return results;
}

/** The batch's new stories in three statements; one that meets another writer's row of its story is told on it. */
function* insertFresh(d: Dialect, fresh: readonly Fresh[], origin: ItemOrigin, places: ReadonlyMap<string, Place & SourceNames>): Sql<void> {
  if (fresh.length === 0) return;
  const inserted = new Set(yield* insertMany('items', ITEM_COLUMNS, fresh.map(({ sourceId, item, canonical, firstSeen, when }) => {
    const place = places.get(sourceId)!;
    return {
      id: item.id, source_id: sourceId, canonical_link: canonical, title: item.title, link: item.link, published_at: item.publishedAt, date_text: item.dateText,
      author: item.author, excerpt: item.excerpt, image: item.image, categories: JSON.stringify(item.categories), content_hash: item.contentHash,
      entry_hash: item.entryHash, first_seen_at: firstSeen, updated_at: when, origin, category: place.category, site: place.site, channel: place.channel,
    };
  }), { conflict: 'ON CONFLICT DO NOTHING', returning: 'id', computed: statements(d).seq }));
  const made = fresh.filter(({ item }) => inserted.has(item.id));
  yield* insertMany('item_bodies', BODY_COLUMNS, made.map((f) => bodyRow(f.item.id, f.item)), { conflict: BODY_CONFLICT });
  yield* insertMany('item_sources', ['item_id', 'source_id', 'first_seen_at'], made.map((f) => ({ item_id: f.item.id, source_id: f.sourceId, first_seen_at: f.when })), { conflict: 'ON CONFLICT DO NOTHING' });
  for (const { r, sourceId, item, canonical, when } of fresh) {
    if (inserted.has(item.id)) {
      r.created.push(item.id);
      continue;
    }
    // Another writer stored this story (or this very entry) after we looked: it is a story now.
    const theirs = (yield* one<Known>(statements(d).byId, { id: item.id })) ?? (canonical ? yield* one<Known>(statements(d).byLink, { canonical }) : undefined);
    if (!theirs) throw new Error(`cannot store ${item.id} of ${sourceId}: neither inserted nor found`);
    r.storedAs.set(item.id, theirs.id);
    yield* storyTold(d, r, theirs, item, sourceId, places.get(sourceId)!, canonical, when);
  }
}

/** The same item, or the same story from another source: who owns it decides what is published. Whether its owner, text or link may have changed. */
function* storyTold(d: Dialect, r: Upserted, told: Known, item: Item, sourceId: string, place: Place, canonical: string | null, when: string): Sql<boolean> {
  const what = telling(told, item.contentHash, sourceId, place, canonical ?? '');
  // The owner is always among those that carried its story: only another source may be new there.
  const added = told.owner !== sourceId && (yield* run('INSERT INTO item_sources (item_id, source_id, first_seen_at) VALUES (@id, @sourceId, @at) ON CONFLICT DO NOTHING', { id: told.id, sourceId, at: when })) > 0;
  if (what === 'carried') {
    // Another source carries the story: its "also reported by" changed.
    if (added) yield* run(statements(d).touch, { id: told.id });
    r.duplicates.push(item.id);
    return false;
  }
  if (what !== 'unchanged') {
    if (what === 'take-over') yield* run('UPDATE items SET source_id = s.id, category = s.category, site = s.site, channel = s.channel FROM sources s WHERE s.id = @sourceId AND items.id = @id', { sourceId, id: told.id });
    yield* run(
      statements(d).tell,
      {
        id: told.id, canonical, title: item.title, link: item.link, publishedAt: item.publishedAt, dateText: item.dateText, author: item.author, excerpt: item.excerpt,
        image: item.image, categories: JSON.stringify(item.categories), contentHash: item.contentHash, at: when, entryHash: item.entryHash,
      });
    yield* insertMany('item_bodies', BODY_COLUMNS, [bodyRow(told.id, item)], { conflict: BODY_CONFLICT });
    r.updated.push(told.id);
    return true;
  }
  r.unchanged.push(item.id);
  if (item.entryHash && item.id === told.id && item.entryHash !== told.entry_hash) yield* run('UPDATE items SET entry_hash = @h WHERE id = @id', { h: item.entryHash, id: item.id });
  return false;
}
