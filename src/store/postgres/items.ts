import { canonicalUrl } from '../../shared/index.js';
import type { Item } from '../../content/index.js';
import type { RetentionSettings } from '../../config/index.js';
import type { ItemCursor, ItemFields, ItemOf, ItemOrigin, ItemQuery, ItemsPart, NameCount, NameCounts, UpsertResult, Upserted } from '../types.js';
import { listedIds, retentionCutoff } from '../retention.js';
import { toStored, type ItemRow } from '../rows.js';
import { owns, type Place, type Story } from '../ownership.js';
import { abbrlinkCandidates } from '../abbrlink.js';
import { exec, LOCK, one, rows, transaction, type Client, type Db } from './db.js';
import { selectItems } from './item-sql.js';
import { filterOf } from '../filter.js';
import { CANONICAL_ON_UPDATE } from '../moved-link.js';

const STORY = "SELECT i.id, i.canonical_link, i.source_id AS owner, i.content_hash AS hash, coalesce(s.url, '') AS url, coalesce(s.position, 1000000000) AS position FROM items i LEFT JOIN sources s ON s.id = i.source_id";

/** Inside a transaction that assigns change numbers: shares the lock a reader of the last number takes alone. */
export const writingItems = (c: Client): Promise<unknown> => c.query('SELECT pg_advisory_xact_lock_shared($1)', [LOCK.seq]);

const INSERT_COLUMNS = ['id', 'canonical_link', 'title', 'link', 'published_at', 'date_text', 'author', 'excerpt', 'image', 'categories', 'content_hash', 'entry_hash', 'first_seen_at'] as const;

/**
 * Must run inside a transaction (the caller's) that called `writingItems`. A few statements per
 * source, not per item: tombstones and known stories are read at once, new items inserted at once;
 * an item whose insert meets a concurrent writer's row of the same story takes the story path.
 */
export async function upsertItems(c: Client, sourceId: string, items: readonly Item[], at: Date, origin: ItemOrigin): Promise<Upserted> {
  const r: Upserted = { created: [], updated: [], unchanged: [], duplicates: [], returned: [], storedAs: new Map(items.map((i) => [i.id, i.id])) };
  if (items.length === 0) return r;
  const when = at.toISOString();
  const place = await one<Place>(c, 'SELECT url, position FROM sources WHERE id = @sourceId', { sourceId });
  if (!place) throw new Error(`cannot store items of ${sourceId}: the source is not known to the store (sync sources first)`);
  const canonicals = items.map((i) => canonicalUrl(i.link));
  const args = { ids: items.map((i) => i.id), canon: canonicals.filter((x): x is string => x !== null) };
  // Listed again after retention removed them: they return, first seen when they were first seen.
  const dead = await rows<{ id: string; canonical_link: string | null; first_seen_at: string | null }>(c, 'DELETE FROM tombstones WHERE id = ANY(@ids) OR canonical_link = ANY(@canon) RETURNING id, canonical_link, first_seen_at', args);
  const firstSeen = (d: { first_seen_at: string | null } | undefined) => (d ? d.first_seen_at ?? when : undefined);
  const deadIds = new Map(dead.map((d) => [d.id, firstSeen(d)!]));
  const deadLinks = new Map(dead.filter((d) => d.canonical_link !== null).map((d) => [d.canonical_link!, firstSeen(d)!]));
  const firstSeenOf = new Map<string, string>();
  // FOR UPDATE: two writers telling one story take turns.
  const known = await rows<Story & { canonical_link: string | null }>(c, `${STORY} WHERE i.id = ANY(@ids) OR i.canonical_link = ANY(@canon) ORDER BY i.id FOR UPDATE OF i`, args);
  const byId = new Map(known.map((k) => [k.id, k]));
  const byLink = new Map(known.filter((k) => k.canonical_link !== null).map((k) => [k.canonical_link!, k]));
  const fresh: Array<{ item: Item; canonical: string | null }> = [];
  // Where in `fresh` a story first seen in this feed is.
  const freshAt = new Map<string, number>();
  const rowOf = (item: Item, canonical: string | null) => ({
    id: item.id, sourceId, canonical, title: item.title, link: item.link, publishedAt: item.publishedAt, dateText: item.dateText,
    author: item.author, excerpt: item.excerpt, image: item.image, categories: JSON.stringify(item.categories),
    contentHash: item.contentHash, at: when, origin, entryHash: item.entryHash,
  });
  for (const [k, item] of items.entries()) {
    const canonical = canonicals[k]!;
    const grave = deadIds.get(item.id) ?? (canonical !== null ? deadLinks.get(canonical) : undefined);
    if (grave !== undefined) {
      firstSeenOf.set(item.id, grave);
      r.returned.push(item.id);
    }
    const story = byId.get(item.id) ?? (canonical ? byLink.get(canonical) : undefined);
    if (story) r.storedAs.set(item.id, story.id);
    const pending = story ? (freshAt.get(story.id) ?? -1) : -1;
    if (pending >= 0) {
      // The same story twice in this feed: the later entry tells it, under the first one's id.
      if (story!.hash === item.contentHash) r.unchanged.push(item.id);
      else {
        fresh[pending] = { item: { ...item, id: story!.id }, canonical };
        story!.hash = item.contentHash;
        r.updated.push(story!.id);
      }
    } else if (story) await storyTold(c, r, story, item, rowOf(item, canonical), place, canonical);
    else {
      freshAt.set(item.id, fresh.push({ item, canonical }) - 1);
      // A later entry of this feed with the same id or link is the same story: this source's.
      const mine = { id: item.id, owner: sourceId, hash: item.contentHash, url: place.url, position: place.position, canonical_link: canonical };
      byId.set(item.id, mine);
      if (canonical) byLink.set(canonical, mine);
    }
  }
  if (fresh.length === 0) return r;
  const records = fresh.map(({ item, canonical }): Record<(typeof INSERT_COLUMNS)[number], string | null> => ({
    id: item.id, canonical_link: canonical, title: item.title, link: item.link, published_at: item.publishedAt, date_text: item.dateText, author: item.author,
    excerpt: item.excerpt, image: item.image, categories: JSON.stringify(item.categories), content_hash: item.contentHash, entry_hash: item.entryHash,
    first_seen_at: firstSeenOf.get(item.id) ?? when,
  }));
  const inserted = new Set((await rows<{ id: string }>(c,
    `INSERT INTO items (${INSERT_COLUMNS.join(', ')}, source_id, updated_at, origin, seq, category, site, channel)
     SELECT u.*, s.id, @at, @origin, nextval('item_seq'), s.category, s.site, s.channel
     FROM unnest(${INSERT_COLUMNS.map((n) => `@${n}::text[]`).join(', ')}) AS u(${INSERT_COLUMNS.join(', ')}), sources s WHERE s.id = @sourceId
     ON CONFLICT DO NOTHING RETURNING id`,
    { ...Object.fromEntries(INSERT_COLUMNS.map((n) => [n, records.map((r) => r[n])])), at: when, origin, sourceId })).map((x) => x.id));
  const made = fresh.filter(({ item }) => inserted.has(item.id));
  await exec(c, 'INSERT INTO item_bodies (item_id, html) SELECT * FROM unnest(@ids::text[], @html::text[]) ON CONFLICT (item_id) DO UPDATE SET html = excluded.html', { ids: made.map((f) => f.item.id), html: made.map((f) => f.item.html) });
  await exec(c, 'INSERT INTO item_sources (item_id, source_id, first_seen_at) SELECT id, @sourceId, @at FROM unnest(@ids::text[]) AS id ON CONFLICT DO NOTHING', { ids: made.map((f) => f.item.id), sourceId, at: when });
  for (const { item, canonical } of fresh) {
    if (inserted.has(item.id)) {
      r.created.push(item.id);
      continue;
    }
    // Another writer stored this story (or this very entry) after we looked: it is a story now.
    const story = (await one<Story>(c, `${STORY} WHERE i.id = @id FOR UPDATE OF i`, { id: item.id })) ??
      (canonical ? await one<Story>(c, `${STORY} WHERE i.canonical_link = @canonical FOR UPDATE OF i`, { canonical }) : undefined);
    if (!story) throw new Error(`cannot store ${item.id} of ${sourceId}: neither inserted nor found`);
    await storyTold(c, r, story, item, rowOf(item, canonical), place, canonical);
  }
  return r;
}

/** The same item, or the same story from another source: who owns it decides what is published. */
async function storyTold(c: Client, r: UpsertResult, story: Story, item: Item, row: Record<string, unknown>, place: Place | undefined, canonical: string | null): Promise<void> {
  const sourceId = row.sourceId as string;
  const ours = story.owner === sourceId || owns(place, story, canonical ?? '');
  const added = (await exec(c, 'INSERT INTO item_sources (item_id, source_id, first_seen_at) VALUES (@id, @sourceId, @at) ON CONFLICT DO NOTHING', { id: story.id, sourceId, at: row.at })) > 0;
  if (!ours) {
    // Another source carries the story: its "also reported by" changed.
    if (added) await exec(c, "UPDATE items SET seq = nextval('item_seq') WHERE id = @id", { id: story.id });
    r.duplicates.push(item.id);
  } else if (story.owner !== sourceId || story.hash !== item.contentHash) {
    if (story.owner !== sourceId) await exec(c, 'UPDATE items SET source_id = s.id, category = s.category, site = s.site, channel = s.channel FROM sources s WHERE s.id = @sourceId AND items.id = @id', { sourceId, id: story.id });
    // firstSeenAt never moves; a date the feed stops giving is kept.
    await exec(c,
      `UPDATE items SET canonical_link = ${CANONICAL_ON_UPDATE}, title = @title, link = @link, published_at = coalesce(@publishedAt, published_at),
         date_text = coalesce(@dateText, date_text), author = @author, excerpt = @excerpt, image = @image,
         categories = @categories, content_hash = @contentHash, updated_at = @at, entry_hash = @entryHash, seq = nextval('item_seq') WHERE id = @id`,
      { ...row, id: story.id });
    await exec(c, 'INSERT INTO item_bodies (item_id, html) VALUES (@id, @html) ON CONFLICT (item_id) DO UPDATE SET html = excluded.html', { id: story.id, html: item.html });
    r.updated.push(story.id);
  } else {
    r.unchanged.push(item.id);
    if (item.entryHash && item.id === story.id) await exec(c, 'UPDATE items SET entry_hash = @h WHERE id = @id', { h: item.entryHash, id: item.id });
  }
}

/** The last change number no writer can still commit below: taken while no item transaction is open. */
export const lastSeq = (db: Db): Promise<number> =>
  transaction(db, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK.seq]);
    const s = (await one<{ last_value: number; is_called: boolean }>(c, 'SELECT last_value, is_called FROM item_seq'))!;
    return s.is_called ? s.last_value : 0;
  });

export function itemsPart(db: Db): ItemsPart {
  async function query<F extends ItemFields>(q: ItemQuery<F>): Promise<{ items: ItemOf<F>[]; next: ItemCursor | null }> {
    const { where, args } = filterOf(q, q.limit + 1);
    const found = await rows<ItemRow>(db, `${selectItems(q.fields)}${where} ORDER BY i.sort_at DESC, i.id DESC LIMIT @limit`, { ...args, limit: q.limit + 1 });
    const items = found.slice(0, q.limit).map((r) => toStored<F>(r));
    const last = items.at(-1);
    return { items, next: found.length > q.limit && last ? { sortAt: last.sortAt, id: last.id } : null };
  }

  async function prune(retention: RetentionSettings, now: Date): Promise<string[]> {
    return transaction(db, async (c) => {
      await writingItems(c);
      const ids = new Set<string>();
      if (retention.days !== undefined) {
        for (const { id } of await rows<{ id: string }>(c, 'SELECT id FROM items WHERE first_seen_at < @cutoff', { cutoff: retentionCutoff(retention.days, now) })) ids.add(id);
      }
      if (retention.perSource !== undefined) {
        for (const { id: source } of await rows<{ id: string }>(c, 'SELECT id FROM sources')) {
          for (const { id } of await rows<{ id: string }>(c, 'SELECT id FROM items WHERE source_id = @source ORDER BY sort_at DESC, id DESC OFFSET @n', { source, n: retention.perSource })) ids.add(id);
        }
      }
      for (const id of listedIds(await rows<{ listed: string }>(c, 'SELECT listed FROM sources WHERE listed IS NOT NULL'))) ids.delete(id);
      const list = [...ids];
      const args = { ids: list, at: now.toISOString() };
      await exec(c,
        `INSERT INTO tombstones (id, canonical_link, removed_at, first_seen_at) SELECT id, canonical_link, @at, first_seen_at FROM items WHERE id = ANY(@ids)
         ON CONFLICT (id) DO UPDATE SET canonical_link = excluded.canonical_link, removed_at = excluded.removed_at, first_seen_at = excluded.first_seen_at`, args);
      await exec(c, 'DELETE FROM item_sources WHERE item_id = ANY(@ids)', args);
      await exec(c, 'DELETE FROM item_bodies WHERE item_id = ANY(@ids)', args);
      await exec(c, 'DELETE FROM items WHERE id = ANY(@ids)', args);
      return list;
    });
  }

  async function abbrlinks(ids: readonly string[]): Promise<Map<string, string>> {
    return transaction(db, async (c) => {
      const out = new Map<string, string>();
      const known = await rows<{ item_id: string; abbrlink: string }>(c, 'SELECT item_id, abbrlink FROM abbrlinks WHERE item_id = ANY(@ids)', { ids });
      for (const k of known) out.set(k.item_id, k.abbrlink);
      for (const id of ids) {
        if (out.has(id)) continue;
        for (const candidate of abbrlinkCandidates(id)) {
          if (await exec(c, 'INSERT INTO abbrlinks (item_id, abbrlink) VALUES (@id, @candidate) ON CONFLICT DO NOTHING', { id, candidate })) {
            out.set(id, candidate);
            break;
          }
        }
      }
      return new Map(ids.map((id) => [id, out.get(id)!]));
    });
  }

  return {
    importItems: async (sourceId, items, at) =>
      transaction(db, async (c) => {
        await writingItems(c);
        const { storedAs: _, ...r } = await upsertItems(c, sourceId, items, at, 'import');
        return r;
      }),
    query,
    byIds: async <F extends ItemFields>(ids: readonly string[], fields: F) => {
      const found = new Map((await rows<ItemRow>(db, `${selectItems(fields)} WHERE i.id = ANY(@ids)`, { ids })).map((r) => [r.id, toStored<F>(r)]));
      return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    },
    changes: async <F extends ItemFields>(afterSeq: number, limit: number, fields: F) =>
      (await rows<ItemRow>(db, `${selectItems(fields)} WHERE i.seq > @after ORDER BY i.seq LIMIT @limit`, { after: afterSeq, limit })).map((r) => toStored<F>(r)),
    counts: async () => ({
      channels: await rows<NameCount>(db, 'SELECT category, site, channel, count(DISTINCT item_id)::int AS items FROM item_sources GROUP BY 1, 2, 3 ORDER BY 1, 2, 3'),
      sites: await rows<NameCounts['sites'][number]>(db, 'SELECT category, site, count(DISTINCT item_id)::int AS items FROM item_sources GROUP BY 1, 2 ORDER BY 1, 2'),
      categories: await rows<NameCounts['categories'][number]>(db, 'SELECT category, count(DISTINCT item_id)::int AS items FROM item_sources GROUP BY 1 ORDER BY 1'),
      total: (await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM items'))!.n,
    }),
    count: async (q) => {
      const { where, args } = filterOf(q);
      return (await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM items i${where}`, args))!.n;
    },
    days: async (offset) =>
      rows<{ day: string; items: number }>(db, "SELECT to_char((sort_at::timestamptz AT TIME ZONE 'UTC') + make_interval(mins => @offset), 'YYYY-MM-DD') AS day, count(*)::int AS items FROM items GROUP BY day ORDER BY day DESC", { offset }),
    activity: (since, offset) =>
      rows<{ sourceId: string; day: string; items: number }>(db,
        `SELECT source_id AS "sourceId", to_char((sort_at::timestamptz AT TIME ZONE 'UTC') + make_interval(mins => @offset), 'YYYY-MM-DD') AS day, count(*)::int AS items
         FROM item_sources WHERE sort_at >= @since GROUP BY 1, 2 ORDER BY 1, 2`, { since, offset }),
    lastSeq: () => lastSeq(db),
    entryHashes: async (sourceId) => new Map((await rows<{ id: string; entry_hash: string }>(db, 'SELECT id, entry_hash FROM items WHERE source_id = @sourceId AND entry_hash IS NOT NULL', { sourceId })).map((r) => [r.id, r.entry_hash])),
    prune,
    abbrlinks,
  };
}
