import { BroadsheetError, asBroadsheetError, resolveUrl, type Logger } from '../shared/index.js';
import type { Source } from '../sources/index.js';
import type { Fetcher, HttpCache } from '../fetch/index.js';
import { parseFeed } from '../feed/index.js';
import { entryHash, itemId, normalizeEntry, scrubSecrets } from '../content/index.js';
import type { Entry } from '../feed/index.js';
import type { Config } from '../config/index.js';
import { accessSecrets } from './secrets.js';
import { eachSource, type OnSourceDone } from './each-source.js';
import type { SourceOutcome } from './types.js';

export interface CollectDeps {
  fetcher: Fetcher;
  now: () => Date;
  log: Logger;
  force?: boolean;
  /** Strings that must not reach stored items (the access key and what is derived from it). */
  secretsOf?: (source: Source) => string[];
  /** Item id → fingerprint of the entry stored last time: an unchanged entry is not normalized again. */
  known?: ReadonlyMap<string, string>;
}

/** What collecting brought: the outcome, plus the validators to keep for next time. */
export interface Collected {
  outcome: SourceOutcome;
  cache?: HttpCache;
}

const failed = (source: Source, error: BroadsheetError, elapsedMs: number, attempts: number, httpStatus?: number): Collected => ({
  outcome: { source, status: 'failed', seen: 0, items: [], newItems: 0, updatedItems: 0, elapsedMs, attempts, error, ...(httpStatus !== undefined ? { httpStatus } : {}) },
});

/**
 * The first `limit` entries, each id once (a feed that repeats a guid lists one story twice: the
 * first occurrence stands), made into items unless the same entry was stored last time.
 */
function itemsOf(source: Source, entries: readonly Entry[], deps: CollectDeps): { seen: number; items: SourceOutcome['items'] } {
  const ids = new Set<string>();
  const secrets = deps.secretsOf?.(source) ?? [];
  const items: SourceOutcome['items'] = [];
  for (const e of entries.slice(0, source.options.items)) {
    const id = itemId(source.id, e);
    if (ids.has(id)) continue;
    ids.add(id);
    const hash = entryHash(e);
    if (deps.known?.get(id) === hash) continue;
    items.push(scrubSecrets(normalizeEntry(source.id, e, hash), secrets));
  }
  return { seen: ids.size, items };
}

/** fetch → parse → normalize (with sanitize) for one source, touching no store. Never throws. */
export async function collectSource(source: Source, prior: HttpCache, deps: CollectDeps): Promise<Collected> {
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
        const parsed = parseFeed(r.text, base, { maxItems: source.options.items });
        if (parsed instanceof BroadsheetError) return failed(source, parsed, r.elapsedMs, r.attempts, r.status);
        const { seen, items } = itemsOf(source, parsed.entries, deps);
        deps.log.debug('entries', { format: parsed.format, seen, normalized: items.length, unchangedSkipped: seen - items.length });
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
    deps.log.error('collecting the source crashed', { code: error.code, message: error.message });
    return failed(source, error, deps.now().getTime() - started, 1);
  }
}

/** `fetch`: collect every source and report, storing and writing nothing (every fetch unconditional). */
export async function collectAll(config: Config, sources: readonly Source[], deps: Pick<CollectDeps, 'fetcher' | 'now' | 'log'>, o: { onSourceDone?: OnSourceDone } = {}): Promise<SourceOutcome[]> {
  return eachSource(
    sources,
    config.fetch.concurrency,
    async (source) => (await collectSource(source, {}, { ...deps, log: deps.log.child({ sourceId: source.id }), secretsOf: (s) => accessSecrets(s, config.rsshub) })).outcome,
    o.onSourceDone,
  );
}
