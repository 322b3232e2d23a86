import type { Database } from 'better-sqlite3';
import { canonicalUrl } from '../../shared/index.js';
import type { SafeHtml } from '../../content/index.js';
import type { ItemOrigin, Retention, StorableItem, StoredItem, UpsertResult } from '../types.js';

interface ItemRow {
  id: string; source_id: string; canonical_link: string | null; title: string; link: string | null;
  published_at: string | null; date_text: string | null; author: string | null; html: string; excerpt: string;
  image: string | null; categories: string; content_hash: string; first_seen_at: string; updated_at: string;
  origin: ItemOrigin; front_matter: string | null; category: string; site: string; channel: string; source_ids: string;
}

const toStored = (r: ItemRow): StoredItem => ({
  id: r.id,
  sourceId: r.source_id,
  title: r.title,
  link: r.link,
  publishedAt: r.published_at,
  dateText: r.date_text,
  author: r.author,
  html: r.html as SafeHtml, // stored only from sanitized Items
  excerpt: r.excerpt,
  image: r.image,
  categories: JSON.parse(r.categories) as string[],
  contentHash: r.content_hash,
  firstSeenAt: r.first_seen_at,
  updatedAt: r.updated_at,
  origin: r.origin,
  frontMatter: r.front_matter,
  names: { category: r.category, site: r.site, channel: r.channel },
  sourceIds: [r.source_id, ...r.source_ids.split('\n').filter((s) => s && s !== r.source_id)],
});

/** Items, the sources that carried them, and tombstones of what retention removed. */
export function itemsTable(db: Database) {
  const byId = db.prepare('SELECT id, content_hash FROM items WHERE id = ?');
  const byCanonical = db.prepare('SELECT id FROM items WHERE canonical_link = ? ORDER BY first_seen_at LIMIT 1');
  const tombstoned = db.prepare('SELECT 1 FROM tombstones WHERE id = ? OR (canonical_link IS NOT NULL AND canonical_link = ?)');
  const insert = db.prepare(
    `INSERT INTO items (id, source_id, canonical_link, title, link, published_at, date_text, author, html, excerpt, image, categories, content_hash, first_seen_at, updated_at, origin, front_matter, entry_hash)
     VALUES (@id, @sourceId, @canonical, @title, @link, @publishedAt, @dateText, @author, @html, @excerpt, @image, @categories, @contentHash, @at, @at, @origin, @frontMatter, @entryHash)`,
  );
  // firstSeenAt never moves; a date the feed stops giving is kept.
  const update = db.prepare(
    `UPDATE items SET canonical_link = @canonical, title = @title, link = @link, published_at = coalesce(@publishedAt, published_at),
       date_text = coalesce(@dateText, date_text), author = @author, html = @html, excerpt = @excerpt, image = @image,
       categories = @categories, content_hash = @contentHash, updated_at = @at, front_matter = coalesce(@frontMatter, front_matter), entry_hash = @entryHash WHERE id = @id`,
  );
  const rehash = db.prepare('UPDATE items SET entry_hash = ? WHERE id = ?');
  const hashesOf = db.prepare('SELECT id, entry_hash FROM items WHERE source_id = ? AND entry_hash IS NOT NULL');
  const carried = db.prepare('INSERT OR IGNORE INTO item_sources (item_id, source_id, first_seen_at) VALUES (?, ?, ?)');
  const all = db.prepare(
    `SELECT i.*, s.category, s.site, s.channel,
       (SELECT group_concat(source_id, char(10)) FROM (SELECT source_id FROM item_sources WHERE item_id = i.id ORDER BY first_seen_at, source_id)) AS source_ids
     FROM items i JOIN sources s ON s.id = i.source_id ORDER BY coalesce(i.published_at, i.first_seen_at) DESC, i.id`,
  );
  const olderThan = db.prepare('SELECT id FROM items WHERE coalesce(published_at, first_seen_at) < ?');
  const beyondPerSource = db.prepare(
    `SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY source_id ORDER BY coalesce(published_at, first_seen_at) DESC, id) AS n FROM items) WHERE n > ?`,
  );
  const bury = db.prepare('INSERT OR REPLACE INTO tombstones (id, canonical_link, removed_at) SELECT id, canonical_link, ? FROM items WHERE id = ?');
  const remove = db.prepare('DELETE FROM items WHERE id = ?');
  const removeCarried = db.prepare('DELETE FROM item_sources WHERE item_id = ?');

  return {
    upsert(sourceId: string, items: readonly StorableItem[], at: Date, origin: ItemOrigin): UpsertResult {
      const r: UpsertResult = { created: [], updated: [], unchanged: [], duplicates: [], tombstoned: [] };
      const when = at.toISOString();
      for (const item of items) {
        const canonical = canonicalUrl(item.link);
        if (tombstoned.get(item.id, canonical)) {
          r.tombstoned.push(item.id);
          continue;
        }
        const row = {
          id: item.id, sourceId, canonical, title: item.title, link: item.link, publishedAt: item.publishedAt, dateText: item.dateText,
          author: item.author, html: item.html, excerpt: item.excerpt, image: item.image, categories: JSON.stringify(item.categories),
          contentHash: item.contentHash, at: when, origin, frontMatter: item.frontMatter ?? null, entryHash: item.entryHash ?? null,
        };
        const existing = byId.get(item.id) as { id: string; content_hash: string } | undefined;
        if (existing) {
          if (existing.content_hash === item.contentHash) {
            r.unchanged.push(item.id);
            if (item.entryHash) rehash.run(item.entryHash, item.id);
          } else {
            update.run(row);
            r.updated.push(item.id);
          }
          carried.run(item.id, sourceId, when);
          continue;
        }
        const story = canonical ? (byCanonical.get(canonical) as { id: string } | undefined) : undefined;
        if (story) {
          carried.run(story.id, sourceId, when);
          r.duplicates.push(item.id);
          continue;
        }
        insert.run(row);
        carried.run(item.id, sourceId, when);
        r.created.push(item.id);
      }
      return r;
    },
    all: (): StoredItem[] => (all.all() as ItemRow[]).map(toStored),
    entryHashes: (sourceId: string): Map<string, string> => new Map((hashesOf.all(sourceId) as { id: string; entry_hash: string }[]).map((r) => [r.id, r.entry_hash])),
    prune: db.transaction((retention: Retention, now: Date): string[] => {
      const ids = new Set<string>();
      if (retention.days !== undefined) {
        const cutoff = new Date(now.getTime() - retention.days * 86_400_000).toISOString();
        for (const { id } of olderThan.all(cutoff) as { id: string }[]) ids.add(id);
      }
      if (retention.perSource !== undefined) for (const { id } of beyondPerSource.all(retention.perSource) as { id: string }[]) ids.add(id);
      for (const id of ids) {
        bury.run(now.toISOString(), id);
        removeCarried.run(id);
        remove.run(id);
      }
      return [...ids];
    }),
  };
}
