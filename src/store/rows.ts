import type { SafeHtml } from '../content/index.js';
import type { ItemFields, ItemOf, ItemOrigin, StoredItem } from './types.js';

/** An item row as both engines return it (with `source_ids`: the sources that carried it, one per line). */
export interface ItemRow {
  id: string; source_id: string; title: string; link: string | null; published_at: string | null; date_text: string | null;
  author: string | null; html?: string; excerpt: string; image: string | null; categories: string; content_hash: string;
  entry_hash: string | null; first_seen_at: string; updated_at: string; sort_at: string; seq: number; origin: ItemOrigin;
  category: string; site: string; channel: string; source_ids: string;
}

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
