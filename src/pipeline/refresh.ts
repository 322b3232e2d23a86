import { BroadsheetError, asBroadsheetError, resolveUrl, type Logger } from '../shared/index.js';
import type { Source } from '../sources/index.js';
import type { Fetcher, HttpCache } from '../fetch/index.js';
import { parseFeed } from '../feed/index.js';
import { normalizeEntry, scrubSecrets, type Item } from '../content/index.js';
import type { SourceOutcome } from './types.js';

export interface RefreshDeps {
  fetcher: Fetcher;
  now: () => Date;
  log: Logger;
  force?: boolean;
  /** Strings that must not reach stored items (the access key and what is derived from it). */
  secretsOf?: (source: Source) => string[];
}

/** What a refresh brought: the outcome, plus the validators to keep for next time. */
export interface Refreshed {
  outcome: SourceOutcome;
  cache?: HttpCache;
}

const failed = (source: Source, error: BroadsheetError, elapsedMs: number, attempts: number, httpStatus?: number): Refreshed => ({
  outcome: { source, status: 'failed', items: [], newItems: 0, updatedItems: 0, elapsedMs, attempts, error, ...(httpStatus !== undefined ? { httpStatus } : {}) },
});

/** A feed that repeats a guid lists one story twice: the first occurrence stands. */
const uniqueById = (items: Item[]): Item[] => {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && seen.add(i.id));
};

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
          outcome: { source, status: 'not-modified', items: [], newItems: 0, updatedItems: 0, elapsedMs: r.elapsedMs, attempts: r.attempts, httpStatus: 304 },
          cache: { etag: r.etag ?? prior.etag, lastModified: r.lastModified ?? prior.lastModified },
        };
      case 'ok': {
        // Content-Location, where given, is the base for the document's relative links (RFC 9110).
        const base = r.contentLocation ? resolveUrl(r.contentLocation, r.finalUrl) : r.finalUrl;
        const parsed = parseFeed(r.text, base);
        if (parsed instanceof BroadsheetError) return failed(source, parsed, r.elapsedMs, r.attempts, r.status);
        const seenAt = deps.now();
        const secrets = deps.secretsOf?.(source) ?? [];
        const items = uniqueById(parsed.entries.slice(0, source.options.items).map((e) => scrubSecrets(normalizeEntry(source.id, e, seenAt), secrets)));
        return {
          outcome: {
            source, status: 'ok', items, newItems: 0, updatedItems: 0, elapsedMs: r.elapsedMs, attempts: r.attempts,
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
