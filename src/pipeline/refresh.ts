import { BroadsheetError, asBroadsheetError, resolveUrl, type Logger } from '../shared/index.js';
import type { Source } from '../sources/index.js';
import type { Fetcher, HttpCache } from '../fetch/index.js';
import { parseFeed } from '../feed/index.js';
import { entryHash, itemId, normalizeEntry, scrubSecrets } from '../content/index.js';
import type { Entry } from '../feed/index.js';
import type { SourceOutcome } from './types.js';

export interface RefreshDeps {
  fetcher: Fetcher;
  now: () => Date;
  log: Logger;
  force?: boolean;
  /** Strings that must not reach stored items (the access key and what is derived from it). */
  secretsOf?: (source: Source) => string[];
  /** Item id → fingerprint of the entry stored last time: an unchanged entry is not normalized again. */
  known?: ReadonlyMap<string, string>;
}

/** What a refresh brought: the outcome, plus the validators to keep for next time. */
export interface Refreshed {
  outcome: SourceOutcome;
  cache?: HttpCache;
}

const failed = (source: Source, error: BroadsheetError, elapsedMs: number, attempts: number, httpStatus?: number): Refreshed => ({
  outcome: { source, status: 'failed', seen: 0, items: [], newItems: 0, updatedItems: 0, elapsedMs, attempts, error, ...(httpStatus !== undefined ? { httpStatus } : {}) },
});

/**
 * The first `limit` entries, each id once (a feed that repeats a guid lists one story twice: the
 * first occurrence stands), made into items unless the same entry was stored last time.
 */
function itemsOf(source: Source, entries: readonly Entry[], deps: RefreshDeps, seenAt: Date): { seen: number; items: SourceOutcome['items'] } {
  const ids = new Set<string>();
  const secrets = deps.secretsOf?.(source) ?? [];
  const items: SourceOutcome['items'] = [];
  for (const e of entries.slice(0, source.options.items)) {
    const id = itemId(source.id, e);
    if (ids.has(id)) continue;
    ids.add(id);
    const hash = entryHash(e);
    if (deps.known?.get(id) === hash) continue;
    items.push({ ...scrubSecrets(normalizeEntry(source.id, e, seenAt), secrets), entryHash: hash });
  }
  return { seen: ids.size, items };
}

/** fetch → parse → normalize (with sanitize) for one source. Never throws. */
export async function refreshSource(source: Source, prior: HttpCache, deps: RefreshDeps): Promise<Refreshed> {
  const started = deps.now().getTime();
  try {
    const r = await deps.fetcher(source, prior, { force: deps.force });
    switch (r.kind) {
      case 'failed':
        return failed(source, r.error, r.elapsedMs, r.attempts, r.status);
      case 'not-modified':
        return {
          outcome: { source, status: 'not-modified', seen: 0, items: [], newItems: 0, updatedItems: 0, elapsedMs: r.elapsedMs, attempts: r.attempts, httpStatus: 304 },
          cache: { etag: r.etag ?? prior.etag, lastModified: r.lastModified ?? prior.lastModified },
        };
      case 'ok': {
        // Content-Location, where given, is the base for the document's relative links (RFC 9110).
        const base = r.contentLocation ? resolveUrl(r.contentLocation, r.finalUrl) : r.finalUrl;
        const parsed = parseFeed(r.text, base);
        if (parsed instanceof BroadsheetError) return failed(source, parsed, r.elapsedMs, r.attempts, r.status);
        const { seen, items } = itemsOf(source, parsed.entries, deps, deps.now());
        return {
          outcome: {
            source, status: 'ok', seen, items, newItems: 0, updatedItems: 0, elapsedMs: r.elapsedMs, attempts: r.attempts,
            httpStatus: r.status, format: parsed.format, charset: r.charset, feedTitle: parsed.title,
          },
          cache: { etag: r.etag, lastModified: r.lastModified },
        };
      }
      default: {
        const unreachable: never = r;
        return unreachable;
      }
    }
  } catch (e) {
    const error = asBroadsheetError(e);
    deps.log.error('source refresh crashed', { code: error.code, message: error.message });
    return failed(source, error, deps.now().getTime() - started, 1);
  }
}
