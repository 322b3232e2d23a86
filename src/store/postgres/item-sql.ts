import type { ItemFields } from '../types.js';

const SUMMARY_COLUMNS = `i.id, i.source_id, i.title, i.link, i.published_at, i.date_text, i.author, i.excerpt, i.image, i.categories,
  i.content_hash, i.entry_hash, i.first_seen_at, i.updated_at, i.sort_at, i.seq, i.origin, i.category, i.site, i.channel,
  (SELECT string_agg(source_id, chr(10) ORDER BY source_id = i.source_id DESC, first_seen_at, source_id) FROM item_sources WHERE item_id = i.id) AS source_ids`;

/** `SELECT … FROM items i`: an item with its source's names and every source that carried it. */
export const selectItems = (fields: ItemFields): string =>
  fields === 'full' ? `SELECT b.html, ${SUMMARY_COLUMNS} FROM items i JOIN item_bodies b ON b.item_id = i.id` : `SELECT ${SUMMARY_COLUMNS} FROM items i`;
