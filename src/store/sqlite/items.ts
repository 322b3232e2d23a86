import type { Database } from 'better-sqlite3';
import { canonicalUrl } from '../../shared/index.js';
import type { Item } from '../../content/index.js';
import type { RetentionSettings } from '../../config/index.js';
import type { ItemCursor, ItemFields, ItemOf, ItemOrigin, ItemQuery, ItemsPart, NameCount, NameCounts, Upserted } from '../types.js';
import { selectItems, toStored, type ItemRow } from './item-rows.js';
import { abbrlinksTable } from './abbrlinks.js';
import { filterOf } from '../filter.js';
import { CANONICAL_ON_UPDATE } from '../moved-link.js';
import { owns, type Place, type Story } from '../ownership.js';
import { listedIds, retentionCutoff } from '../retention.js';

/** The next change number: from a counter, so a number is never given twice, even after deletions. */
export function seqCounter(db: Database): () => number {
  const next = db.prepare("UPDATE counters SET value = value + 1 WHERE name = 'item_seq' RETURNING value");
  return () => (next.get() as { value: number }).value;
}

/** Items, the sources that carried them, and tombstones of what retention removed. */
export function itemsTable(db: Database) {
  const nextSeq = seqCounter(db);
  const byId = db.prepare(
    "SELECT i.id, i.source_id AS owner, i.content_hash AS hash, coalesce(s.url, '') AS url, coalesce(s.position, 1e9) AS position FROM items i LEFT JOIN sources s ON s.id = i.source_id WHERE i.id = ?",
  );
  const byCanonical = db.prepare(
    "SELECT i.id, i.source_id AS owner, i.content_hash AS hash, coalesce(s.url, '') AS url, coalesce(s.position, 1e9) AS position FROM items i LEFT JOIN sources s ON s.id = i.source_id WHERE i.canonical_link = ? ORDER BY i.first_seen_at LIMIT 1",
  );
  const placeOf = db.prepare('SELECT url, position FROM sources WHERE id = ?');
  const takeOver = db.prepare('UPDATE items SET source_id = s.id, category = s.category, site = s.site, channel = s.channel FROM sources s WHERE s.id = @sourceId AND items.id = @id');
  const buried = db.prepare('SELECT coalesce(min(first_seen_at), ?) AS firstSeen FROM tombstones WHERE id = ? OR (canonical_link IS NOT NULL AND canonical_link = ?) HAVING count(*) > 0');
  const unbury = db.prepare('DELETE FROM tombstones WHERE id = ? OR (canonical_link IS NOT NULL AND canonical_link = ?)');
  const insert = db.prepare(
    `INSERT INTO items (id, source_id, canonical_link, title, link, published_at, date_text, author, excerpt, image, categories, content_hash, first_seen_at, updated_at, origin, entry_hash, seq, category, site, channel)
     SELECT @id, @sourceId, @canonical, @title, @link, @publishedAt, @dateText, @author, @excerpt, @image, @categories, @contentHash, @firstSeen, @at, @origin, @entryHash, @seq, category, site, channel
     FROM sources WHERE id = @sourceId`,
  );
  // firstSeenAt never moves; a date the feed stops giving is kept.
  const update = db.prepare(
    `UPDATE items SET canonical_link = ${CANONICAL_ON_UPDATE}, title = @title, link = @link, published_at = coalesce(@publishedAt, published_at),
       date_text = coalesce(@dateText, date_text), author = @author, excerpt = @excerpt, image = @image,
       categories = @categories, content_hash = @contentHash, updated_at = @at, entry_hash = @entryHash, seq = @seq WHERE id = @id`,
  );
  const body = db.prepare('INSERT INTO item_bodies (item_id, html) VALUES (?, ?) ON CONFLICT(item_id) DO UPDATE SET html = excluded.html');
  const removeBody = db.prepare('DELETE FROM item_bodies WHERE item_id = ?');
  const rehash = db.prepare('UPDATE items SET entry_hash = ? WHERE id = ?');
  const touch = db.prepare('UPDATE items SET seq = ? WHERE id = ?');
  const hashesOf = db.prepare('SELECT id, entry_hash FROM items WHERE source_id = ? AND entry_hash IS NOT NULL');
  const carried = db.prepare('INSERT OR IGNORE INTO item_sources (item_id, source_id, first_seen_at) VALUES (?, ?, ?)');
  const changes = { full: db.prepare(`${selectItems('full')} WHERE i.seq > ? ORDER BY i.seq LIMIT ?`), summary: db.prepare(`${selectItems('summary')} WHERE i.seq > ? ORDER BY i.seq LIMIT ?`) };
  const counts = {
    channels: db.prepare('SELECT category, site, channel, count(DISTINCT item_id) AS items FROM item_sources GROUP BY 1, 2, 3 ORDER BY 1, 2, 3'),
    sites: db.prepare('SELECT category, site, count(DISTINCT item_id) AS items FROM item_sources GROUP BY 1, 2 ORDER BY 1, 2'),
    categories: db.prepare('SELECT category, count(DISTINCT item_id) AS items FROM item_sources GROUP BY 1 ORDER BY 1'),
    total: db.prepare('SELECT count(*) AS items FROM items'),
  };
  const activity = db.prepare(
    "SELECT source_id AS sourceId, substr(strftime('%Y-%m-%dT%H:%M:%S', sort_at, @offset || ' minutes'), 1, 10) AS day, count(*) AS items FROM item_sources WHERE sort_at >= @since GROUP BY 1, 2 ORDER BY 1, 2",
  );
  const days = db.prepare("SELECT substr(strftime('%Y-%m-%dT%H:%M:%S', sort_at, ? || ' minutes'), 1, 10) AS day, count(*) AS items FROM items GROUP BY day ORDER BY day DESC");
  const lastSeq = db.prepare("SELECT value FROM counters WHERE name = 'item_seq'");
  const firstSeenBefore = db.prepare('SELECT id FROM items WHERE first_seen_at < ?');
  const listed = db.prepare('SELECT listed FROM sources WHERE listed IS NOT NULL');
  // Per source, by its index: what is past the newest N costs a walk of that source's items only.
  const sourcesWithItems = db.prepare('SELECT id FROM sources');
  const beyondInSource = db.prepare('SELECT id FROM items WHERE source_id = ? ORDER BY sort_at DESC, id DESC LIMIT -1 OFFSET ?');
  const bury = db.prepare('INSERT OR REPLACE INTO tombstones (id, canonical_link, removed_at, first_seen_at) SELECT id, canonical_link, ?, first_seen_at FROM items WHERE id = ?');
  const remove = db.prepare('DELETE FROM items WHERE id = ?');
  const removeCarried = db.prepare('DELETE FROM item_sources WHERE item_id = ?');
  const prepared = new Map<string, ReturnType<Database['prepare']>>();
  const statement = (sql: string) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql)!;

  /** Must run inside a transaction (the caller's). */
  function upsert(sourceId: string, items: readonly Item[], at: Date, origin: ItemOrigin): Upserted {
    const r: Upserted = { created: [], updated: [], unchanged: [], duplicates: [], returned: [], storedAs: new Map() };
    const when = at.toISOString();
    for (const item of items) {
      const canonical = canonicalUrl(item.link);
      r.storedAs.set(item.id, item.id);
      // Listed again after retention removed it: it returns, first seen when it was first seen.
      const grave = buried.get(when, item.id, canonical) as { firstSeen: string } | undefined;
      if (grave) {
        unbury.run(item.id, canonical);
        r.returned.push(item.id);
      }
      const row = {
        id: item.id, sourceId, canonical, title: item.title, link: item.link, publishedAt: item.publishedAt, dateText: item.dateText,
        author: item.author, excerpt: item.excerpt, image: item.image, categories: JSON.stringify(item.categories),
        contentHash: item.contentHash, at: when, firstSeen: grave?.firstSeen ?? when, origin, entryHash: item.entryHash,
      };
      // The same item, or the same story from another source (by its canonical link).
      const story = (byId.get(item.id) ?? (canonical ? byCanonical.get(canonical) : undefined)) as Story | undefined;
      if (story) {
        r.storedAs.set(item.id, story.id);
        const ours = story.owner === sourceId || owns(placeOf.get(sourceId) as Place | undefined, story, canonical ?? '');
        const added = carried.run(story.id, sourceId, when).changes > 0;
        if (!ours) {
          // Another source carries the story: its "also reported by" changed.
          if (added) touch.run(nextSeq(), story.id);
          r.duplicates.push(item.id);
        } else if (story.owner !== sourceId || story.hash !== item.contentHash) {
          // The story's owner tells it: its title and body are published, under its names.
          if (story.owner !== sourceId) takeOver.run({ sourceId, id: story.id });
          update.run({ ...row, id: story.id, seq: nextSeq() });
          body.run(story.id, item.html);
          r.updated.push(story.id);
        } else {
          r.unchanged.push(item.id);
          if (item.entryHash && item.id === story.id) rehash.run(item.entryHash, item.id);
        }
        continue;
      }
      if (insert.run({ ...row, seq: nextSeq() }).changes === 0) throw new Error(`cannot store items of ${sourceId}: the source is not known to the store (sync sources first)`);
      body.run(item.id, item.html);
      carried.run(item.id, sourceId, when);
      r.created.push(item.id);
    }
    return r;
  }

  function query<F extends ItemFields>(q: ItemQuery<F>): { items: ItemOf<F>[]; next: ItemCursor | null } {
    const { where, args } = filterOf(q, q.limit + 1);
    const sql = `${selectItems(q.fields)}${where} ORDER BY i.sort_at DESC, i.id DESC LIMIT @limit`;
    const rows = statement(sql).all({ ...args, limit: q.limit + 1 }) as ItemRow[];
    const items = rows.slice(0, q.limit).map((r) => toStored<F>(r));
    const last = items.at(-1);
    return { items, next: rows.length > q.limit && last ? { sortAt: last.sortAt, id: last.id } : null };
  }

  const part: ItemsPart = {
    importItems: async (sourceId, items, at) => {
      const { storedAs: _, ...r } = db.transaction(() => upsert(sourceId, items, at, 'import'))();
      return r;
    },
    query: async (q) => query(q),
    byIds: async <F extends ItemFields>(ids: readonly string[], fields: F) => {
      const rows = statement(`${selectItems(fields)} WHERE i.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as ItemRow[];
      const found = new Map(rows.map((r) => [r.id, toStored<F>(r)]));
      return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    },
    changes: async <F extends ItemFields>(afterSeq: number, limit: number, fields: F) => (changes[fields].all(afterSeq, limit) as ItemRow[]).map((r) => toStored<F>(r)),
    counts: async () => ({
      channels: counts.channels.all() as NameCount[],
      sites: counts.sites.all() as NameCounts['sites'],
      categories: counts.categories.all() as NameCounts['categories'],
      total: (counts.total.get() as { items: number }).items,
    }),
    count: async (q) => {
      const { where, args } = filterOf(q);
      return (statement(`SELECT count(*) AS n FROM items i${where}`).get(args) as { n: number }).n;
    },
    days: async (offset) => days.all(`${offset >= 0 ? '+' : ''}${offset}`) as Array<{ day: string; items: number }>,
    activity: async (since, offset) => activity.all({ since, offset: `${offset >= 0 ? '+' : ''}${offset}` }) as Array<{ sourceId: string; day: string; items: number }>,
    lastSeq: async () => (lastSeq.get() as { value: number }).value,
    entryHashes: async (sourceId) => new Map((hashesOf.all(sourceId) as { id: string; entry_hash: string }[]).map((r) => [r.id, r.entry_hash])),
    prune: async (retention, now) => prune(retention, now),
    abbrlinks: async (ids) => abbrlinks(ids),
  };
  const abbrlinks = abbrlinksTable(db);
  const prune = db.transaction((retention: RetentionSettings, now: Date): string[] => {
    const ids = new Set<string>();
    if (retention.days !== undefined) {
      for (const { id } of firstSeenBefore.all(retentionCutoff(retention.days, now)) as { id: string }[]) ids.add(id);
    }
    if (retention.perSource !== undefined) {
      for (const { id: source } of sourcesWithItems.all() as { id: string }[]) for (const { id } of beyondInSource.all(source, retention.perSource) as { id: string }[]) ids.add(id);
    }
    for (const id of listedIds(listed.all() as { listed: string }[])) ids.delete(id);
    for (const id of ids) {
      bury.run(now.toISOString(), id);
      removeCarried.run(id);
      removeBody.run(id);
      remove.run(id);
    }
    return [...ids];
  });
  return { part, upsert, nextSeq };
}
