import type { ItemFields } from '../parts/items.js';
import type { Dialect } from './port.js';

const columns = (d: Dialect): string => `i.id, i.source_id, i.title, i.link, i.published_at, i.date_text, i.author, i.excerpt, i.image, i.categories,
  i.content_hash, i.entry_hash, i.first_seen_at, i.updated_at, i.sort_at, i.seq, i.origin, i.category, i.site, i.channel, i.hidden_by, i.story_id, ${d.carriers} AS source_ids`;

/** `SELECT … FROM items i`: an item with its source's names and every source that carried it (`ItemRow`). */
export const selectItems = (d: Dialect, fields: ItemFields): string =>
  fields === 'full' ? `SELECT b.html, ${columns(d)} FROM items i JOIN item_bodies b ON b.item_id = i.id`
  : fields === 'place' ? 'SELECT i.id, i.sort_at, i.updated_at FROM items i'
  : fields === 'card' ? 'SELECT i.id, i.title, i.link, i.published_at, i.excerpt, i.image, i.sort_at, i.category, i.site, i.channel, i.story_id FROM items i'
  : `SELECT ${columns(d)} FROM items i`;
