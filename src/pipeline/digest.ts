import { BroadsheetError, asBroadsheetError, type ErrorCode } from '../shared/index.js';
import { parseFeed, type Entry, type FeedFormat } from '../feed/index.js';
import { entryHash, extractArticle, itemId, normalizeEntry, scrubSecrets, type Extracted, type Item } from '../content/index.js';

/** One fetched document to read: everything a worker thread needs, as plain data. */
export interface DigestInput {
  text: string;
  baseUrl: string;
  sourceId: string;
  maxItems: number;
  /** Item id → fingerprint of the entry stored last time: an unchanged entry is not normalized again. */
  known: ReadonlyArray<readonly [string, string]> | null;
  /** Strings that must not reach stored items (the access key and what is derived from it). */
  secrets: readonly string[];
}

/** Where a document's CPU went, in milliseconds: parsing, sanitizing, and the rest of normalizing. */
export interface DigestWork {
  parseMs: number;
  sanitizeMs: number;
  normalizeMs: number;
}

export type DigestResult =
  | { ok: true; format: FeedFormat; title: string | null; ttlMinutes: number | null; seen: number; items: Item[]; listed: string[]; work: DigestWork }
  | { ok: false; code: ErrorCode; message: string };

/**
 * The first `maxItems` entries, each id once (a feed that repeats a guid lists one story twice: the
 * first occurrence stands), made into items unless the same entry was stored last time.
 */
function itemsOf(input: DigestInput, entries: readonly Entry[], spent: { sanitizeMs: number }): { seen: number; items: Item[]; listed: string[] } {
  const ids = new Set<string>();
  const known = input.known ? new Map(input.known) : null;
  const items: Item[] = [];
  for (const e of entries.slice(0, input.maxItems)) {
    const id = itemId(input.sourceId, e);
    if (ids.has(id)) continue;
    ids.add(id);
    const hash = entryHash(e);
    if (known?.get(id) === hash) continue;
    items.push(scrubSecrets(normalizeEntry(input.sourceId, e, { id, fingerprint: hash, spent }), input.secrets));
  }
  return { seen: ids.size, items, listed: [...ids] };
}

/** An article page to read (`fullText`): also in the pool, under the same deadline and memory limit. */
export interface ArticleInput {
  article: { page: string; url: string; selector: true | string };
}

/** What the pool's workers are given, and what they answer. */
export type PoolInput = DigestInput | ArticleInput;
export type PoolOutput<I extends PoolInput> = I extends ArticleInput ? Extracted : DigestResult;

export const work = async <I extends PoolInput>(input: I): Promise<PoolOutput<I>> =>
  ('article' in input ? await extractArticle(input.article.page, input.article.url, input.article.selector) : digest(input)) as PoolOutput<I>;

/** Parse → normalize (with sanitize): all the CPU a source costs. Never throws. */
export function digest(input: DigestInput): DigestResult {
  try {
    const t0 = performance.now();
    const parsed = parseFeed(input.text, input.baseUrl, { maxItems: input.maxItems });
    if (parsed instanceof BroadsheetError) return { ok: false, code: parsed.code, message: parsed.message };
    const t1 = performance.now();
    const spent = { sanitizeMs: 0 };
    const made = itemsOf(input, parsed.entries, spent);
    const work = { parseMs: t1 - t0, sanitizeMs: spent.sanitizeMs, normalizeMs: performance.now() - t1 - spent.sanitizeMs };
    return { ok: true, format: parsed.format, title: parsed.title, ttlMinutes: parsed.ttlMinutes ?? null, ...made, work };
  } catch (e) {
    const error = asBroadsheetError(e);
    return { ok: false, code: error.code, message: error.message };
  }
}
