import type { SafeHtml } from '../content/index.js';
import type { Source } from '../sources/index.js';
import type { ErrorCode } from '../shared/index.js';
import type { ItemFields, ItemOf, ItemOrigin, SourceHealth, StoredItem } from './types.js';

/**
 * An item row as both engines return it (with `source_ids`: the sources that carried it, one per line;
 * from SQLite unordered, each line `first seen<TAB>source id`, as ordering them there costs a sort per row).
 */
export interface ItemRow {
  id: string; source_id: string; title: string; link: string | null; published_at: string | null; date_text: string | null;
  author: string | null; html?: string; excerpt: string; image: string | null; categories: string; content_hash: string;
  entry_hash: string | null; first_seen_at: string; updated_at: string; sort_at: string; seq: number; origin: ItemOrigin;
  category: string; site: string; channel: string; source_ids: string; hidden_by: string | null; story_id: string | null;
}

export function toStored<F extends ItemFields>(r: ItemRow, fields?: F): ItemOf<F> {
  if (fields === 'place') return { id: r.id, sortAt: r.sort_at, updatedAt: r.updated_at } as ItemOf<F>;
  if (fields === 'card') {
    const names = { category: r.category, site: r.site, channel: r.channel };
    return { id: r.id, title: r.title, link: r.link, publishedAt: r.published_at, excerpt: r.excerpt, image: r.image, sortAt: r.sort_at, names, storyId: r.story_id ?? null } as ItemOf<F>;
  }
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
    sourceIds: carriersOf(r),
    hiddenBy: r.hidden_by ?? null,
    storyId: r.story_id ?? null,
  };
  if (r.html !== undefined) item.html = r.html as SafeHtml; // stored only from sanitized Items
  return item as ItemOf<F>;
}

/** The sources that carried an item: its own first, then the others by when they first did (then by id). */
function carriersOf(r: ItemRow): string[] {
  const lines = (r.source_ids ?? '').split('\n').filter((s) => s !== '');
  const ids = lines[0]?.includes('\t') ? lines.sort().map((l) => l.slice(l.indexOf('\t') + 1)) : lines;
  return [r.source_id, ...ids.filter((s) => s !== r.source_id)];
}

/** A source row as both engines return it. */
export interface SourceRow {
  id: string; kind: Source['kind']; url: string; category: string; site: string; channel: string;
  etag: string | null; last_modified: string | null; last_attempt_at: string | null; last_success_at: string | null;
  next_attempt_at: string | null; last_error_code: ErrorCode | null; last_error_status: number | null;
  last_error_message: string | null; last_error_at: string | null; consecutive_failures: number;
  items_seen: number; fetches: number; total_latency_ms: number; served_by: string | null;
}

/** The columns of a `SourceRow`: not `listed` (every item the feed last listed, ~1 KB a source), which only retention reads. */
export const SOURCE_COLUMNS = 'id, kind, url, category, site, channel, etag, last_modified, last_attempt_at, last_success_at, next_attempt_at, last_error_code, last_error_status, last_error_message, last_error_at, consecutive_failures, items_seen, fetches, total_latency_ms, served_by';

export const toHealth = (r: SourceRow): SourceHealth => ({
  sourceId: r.id,
  url: r.url,
  kind: r.kind,
  category: r.category,
  site: r.site,
  channel: r.channel,
  lastAttemptAt: r.last_attempt_at,
  lastSuccessAt: r.last_success_at,
  lastError: r.last_error_code ? { code: r.last_error_code, status: r.last_error_status, message: r.last_error_message ?? '', at: r.last_error_at ?? '' } : null,
  consecutiveFailures: r.consecutive_failures,
  itemsSeen: r.items_seen,
  fetches: r.fetches,
  averageLatencyMs: r.fetches > 0 ? Math.round(r.total_latency_ms / r.fetches) : null,
  nextAttemptAt: r.next_attempt_at,
  cache: { ...(r.etag ? { etag: r.etag } : {}), ...(r.last_modified ? { lastModified: r.last_modified } : {}), ...(r.served_by ? { servedBy: r.served_by } : {}) },
});
