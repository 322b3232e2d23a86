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

/**
 * A source's items into the store, inside the caller's `items` transaction. A few statements per
 * source, not per item: tombstones and known stories are read at once, new items inserted at once;
 * an item whose insert meets another writer's row of the same story (PostgreSQL) takes the story path.
 */
export function* upsertItems(d: Dialect, sourceId: string, items: readonly Item[], at: Date, origin: ItemOrigin): Sql<Upserted> {
  const r: Upserted = { created: [], updated: [], unchanged: [], duplicates: [], returned: [], storedAs: new Map(items.map((i) => [i.id, i.id])) };
  if (items.length === 0) return r;
  const when = at.toISOString();
  const place = yield* one<Place & SourceNames>('SELECT url, position, category, site, channel FROM sources WHERE id = @sourceId', { sourceId });
  if (!place) throw new Error(`cannot store items of ${sourceId}: the source is not known to the store (sync sources first)`);
  const canonicals = items.map((i) => canonicalUrl(i.link));
  const args = { ids: items.map((i) => i.id), canon: canonicals.filter((x): x is string => x !== null) };
  const sql = statements(d);
  // Listed again after retention removed them: they return, first seen when they were first seen.
  const dead = yield* rows<{ id: string; canonical_link: string | null; first_seen_at: string | null }>(sql.tombstones, args);
  const deadIds = new Map(dead.map((x) => [x.id, x.first_seen_at ?? when]));
  const deadLinks = new Map(dead.filter((x) => x.canonical_link !== null).map((x) => [x.canonical_link!, x.first_seen_at ?? when]));
  // Locked (PostgreSQL): two writers telling one story take turns.
  const known = yield* rows<Known>(sql.known, args);
  const byId = new Map(known.map((k) => [k.id, k]));
  const byLink = new Map(known.filter((k) => k.canonical_link !== null).map((k) => [k.canonical_link!, k]));
  const fresh: Array<{ item: Item; canonical: string | null; firstSeen: string }> = [];
  // Where in `fresh` a story first seen in this feed is.
  const freshAt = new Map<string, number>();
  for (const [k, item] of items.entries()) {
    const canonical = canonicals[k]!;
    const grave = deadIds.get(item.id) ?? (canonical !== null ? deadLinks.get(canonical) : undefined);
    if (grave !== undefined) r.returned.push(item.id);
    const told = byId.get(item.id) ?? (canonical ? byLink.get(canonical) : undefined);
    if (told) r.storedAs.set(item.id, told.id);
    const pending = told ? (freshAt.get(told.id) ?? -1) : -1;
    if (pending >= 0) {
      // The same story twice in this feed: the later entry tells it, under the first one's id.
      if (told!.hash === item.contentHash) r.unchanged.push(item.id);
      else {
        fresh[pending] = { ...fresh[pending]!, item: { ...item, id: told!.id }, canonical };
        told!.hash = item.contentHash;
        r.updated.push(told!.id);
      }
    } else if (told) yield* storyTold(d, r, told, item, sourceId, place, canonical, when);
    else {
      freshAt.set(item.id, fresh.push({ item, canonical, firstSeen: grave ?? when }) - 1);
      // A later entry of this feed with the same id or link is the same story: this source's.
      const mine = { id: item.id, owner: sourceId, hash: item.contentHash, url: place.url, position: place.position, canonical_link: canonical, entry_hash: item.entryHash };
      byId.set(item.id, mine);
      if (canonical) byLink.set(canonical, mine);
    }
  }
  if (fresh.length === 0) return r;
  const inserted = new Set(yield* insertMany('items', ITEM_COLUMNS, fresh.map(({ item, canonical, firstSeen }) => ({
    id: item.id, source_id: sourceId, canonical_link: canonical, title: item.title, link: item.link, published_at: item.publishedAt, date_text: item.dateText,
    author: item.author, excerpt: item.excerpt, image: item.image, categories: JSON.stringify(item.categories), content_hash: item.contentHash,
    entry_hash: item.entryHash, first_seen_at: firstSeen, updated_at: when, origin, category: place.category, site: place.site, channel: place.channel,
  })), { conflict: 'ON CONFLICT DO NOTHING', returning: 'id', computed: sql.seq }));
  const made = fresh.filter(({ item }) => inserted.has(item.id));
  yield* insertMany('item_bodies', BODY_COLUMNS, made.map((f) => bodyRow(f.item.id, f.item)), { conflict: BODY_CONFLICT });
  yield* insertMany('item_sources', ['item_id', 'source_id', 'first_seen_at'], made.map((f) => ({ item_id: f.item.id, source_id: sourceId, first_seen_at: when })), { conflict: 'ON CONFLICT DO NOTHING' });
  for (const { item, canonical } of fresh) {
    if (inserted.has(item.id)) {
      r.created.push(item.id);
      continue;
    }
    // Another writer stored this story (or this very entry) after we looked: it is a story now.
    const theirs = (yield* one<Known>(sql.byId, { id: item.id })) ?? (canonical ? yield* one<Known>(sql.byLink, { canonical }) : undefined);
    if (!theirs) throw new Error(`cannot store ${item.id} of ${sourceId}: neither inserted nor found`);
    yield* storyTold(d, r, theirs, item, sourceId, place, canonical, when);
  }
  return r;
}

/** The same item, or the same story from another source: who owns it decides what is published. */
function* storyTold(d: Dialect, r: Upserted, told: Known, item: Item, sourceId: string, place: Place, canonical: string | null, when: string): Sql<void> {
  const what = telling(told, item.contentHash, sourceId, place, canonical ?? '');
  // The owner is always among those that carried its story: only another source may be new there.
  const added = told.owner !== sourceId && (yield* run('INSERT INTO item_sources (item_id, source_id, first_seen_at) VALUES (@id, @sourceId, @at) ON CONFLICT DO NOTHING', { id: told.id, sourceId, at: when })) > 0;
  if (what === 'carried') {
    // Another source carries the story: its "also reported by" changed.
    if (added) yield* run(statements(d).touch, { id: told.id });
    r.duplicates.push(item.id);
  } else if (what !== 'unchanged') {
    if (what === 'take-over') yield* run('UPDATE items SET source_id = s.id, category = s.category, site = s.site, channel = s.channel FROM sources s WHERE s.id = @sourceId AND items.id = @id', { sourceId, id: told.id });
    yield* run(
      statements(d).tell,
      {
        id: told.id, canonical, title: item.title, link: item.link, publishedAt: item.publishedAt, dateText: item.dateText, author: item.author, excerpt: item.excerpt,
        image: item.image, categories: JSON.stringify(item.categories), contentHash: item.contentHash, at: when, entryHash: item.entryHash,
      });
    yield* insertMany('item_bodies', BODY_COLUMNS, [bodyRow(told.id, item)], { conflict: BODY_CONFLICT });
    r.updated.push(told.id);
  } else {
    r.unchanged.push(item.id);
    if (item.entryHash && item.id === told.id && item.entryHash !== told.entry_hash) yield* run('UPDATE items SET entry_hash = @h WHERE id = @id', { h: item.entryHash, id: item.id });
  }
}
