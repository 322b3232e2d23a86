import type { SafeHtml } from '../../content/index.js';
import type { ItemFields, ItemOf, ItemOrigin, StoredItem } from '../types.js';

export interface ItemRow {
  id: string; source_id: string; title: string; link: string | null; published_at: string | null; date_text: string | null;
  author: string | null; html?: string; excerpt: string; image: string | null; categories: string; content_hash: string;
  entry_hash: string | null; first_seen_at: string; updated_at: string; sort_at: string; seq: number; origin: ItemOrigin;
  category: string; site: string; channel: string; source_ids: string;
}

const SUMMARY_COLUMNS = `i.id, i.source_id, i.title, i.link, i.published_at, i.date_text, i.author, i.excerpt, i.image, i.categories,
  i.content_hash, i.entry_hash, i.first_seen_at, i.updated_at, i.sort_at, i.seq, i.origin, i.category, i.site, i.channel,
  (SELECT group_concat(source_id, char(10)) FROM (SELECT source_id FROM item_sources WHERE item_id = i.id ORDER BY source_id = i.source_id DESC, first_seen_at, source_id)) AS source_ids`;

/** `SELECT … FROM items i`: an item with its source's names and every source that carried it. */
export const selectItems = (fields: ItemFields): string =>
  fields === 'full' ? `SELECT b.html, ${SUMMARY_COLUMNS} FROM items i JOIN item_bodies b ON b.item_id = i.id` : `SELECT ${SUMMARY_COLUMNS} FROM items i`;

export function toStored<F extends ItemFields>(r: ItemRow): ItemOf<F> {
  const item: Omit<StoredItem, 'html'> & { html?: SafeHtml } = {
    id: r.id,
    sourceId: r.source_id,
    title: r.title,
    link: r.link,
    publishedAt: r.published_at,
    dateText: r.date_text,
    author: r.author,
    excerpt: r.excerpt,
    image: r.image,
    categories: JSON.parse(r.categories) as string[],
    contentHash: r.content_hash,
    entryHash: r.entry_hash,
    firstSeenAt: r.first_seen_at,
    updatedAt: r.updated_at,
    sortAt: r.sort_at,
    seq: r.seq,
    origin: r.origin,
    names: { category: r.category, site: r.site, channel: r.channel },
    sourceIds: [r.source_id, ...(r.source_ids ?? '').split('\n').filter((s) => s && s !== r.source_id)],
  };
  if (r.html !== undefined) item.html = r.html as SafeHtml; // stored only from sanitized Items
  return item as ItemOf<F>;
}
