import { BroadsheetError, asBroadsheetError, resolveUrl, type Logger } from '../shared/index.js';
import { extractArticle, type Extracted } from '../content/index.js';
import type { StoredArticle } from '../store/index.js';
import { withFullText } from './full-text.js';
import type { Source } from '../sources/index.js';
import type { Fetcher, HttpCache, PageFetcher } from '../fetch/index.js';
import { digest, type ArticleInput, type DigestInput, type DigestResult } from './digest.js';
import { parsePool, poolLimits } from './parse-pool.js';
import type { Config } from '../config/index.js';
import { accessSecrets } from './secrets.js';
import { eachSource, type OnSourceDone } from './each-source.js';
import type { SourceOutcome } from './types.js';
import { instanceRouter, verdictOf, type InstanceRouter } from './instances.js';

export interface CollectDeps {
  fetcher: Fetcher;
  now: () => Date;
  log: Logger;
  force?: boolean;
  /** Strings that must not reach stored items (the access key and what is derived from it). */
  secretsOf?: (source: Source) => string[];
  /** Item id → fingerprint of the entry stored last time (asked for once a document came): an unchanged entry is not normalized again. */
  known?: () => Promise<ReadonlyMap<string, string>>;
  /** Where documents are read: a pool of worker threads (`ParsePool.run`), else this thread. */
  digest?: (input: DigestInput) => Promise<DigestResult>;
  /** RSSHub's instances: a route goes to the first that is well, and on to the next when it is not. */
  instances?: InstanceRouter;
  /** Article pages, for sources with `fullText`. */
  pages?: PageFetcher;
  /** Where an article page is read: the parse pool (its deadline and memory limit), else this thread. */
  extract?: (article: ArticleInput['article']) => Promise<Extracted>;
  /** The articles items were last given from their pages: asked "changed since?" (not with `--force`). */
  articles?: (itemIds: readonly string[]) => Promise<ReadonlyMap<string, StoredArticle>>;
}

/** What collecting brought: the outcome, plus the validators to keep for next time. */
export interface Collected {
  outcome: SourceOutcome;
  cache?: HttpCache;
}

/** The longest a feed's own word keeps it from being asked again (a `<ttl>` of a week must not stall a news site). */
const MAX_FRESH_MS = 12 * 3_600_000;

/** Until when a document is fresh: the longer of the feed's `<ttl>` and the server's `max-age`, at most 12 hours; none when it names neither. */
function freshUntil(now: Date, ttlMinutes: number | null | undefined, maxAgeSeconds: number | undefined): { freshUntil?: string } {
  const ms = Math.min(MAX_FRESH_MS, Math.max((ttlMinutes ?? 0) * 60_000, (maxAgeSeconds ?? 0) * 1000));
  return ms > 0 ? { freshUntil: new Date(now.getTime() + ms).toISOString() } : {};
}

const failed = (source: Source, error: BroadsheetError, elapsedMs: number, attempts: number, httpStatus?: number, retryAfterMs?: number): Collected => ({
  outcome: { source, status: 'failed', seen: 0, items: [], headlines: [], newItems: 0, updatedItems: 0, elapsedMs, attempts, error, ...(httpStatus !== undefined ? { httpStatus } : {}), ...(retryAfterMs ? { retryAfterMs } : {}) },
});

/**
 * fetch → parse → normalize (with sanitize) for one source, touching no store. Never throws. A route
 * is tried on each instance in turn (see `InstanceRouter`) until one serves it; when every instance
 * rests, it waits (skipped, not failed).
 */
export async function collectSource(source: Source, prior: HttpCache, deps: CollectDeps): Promise<Collected> {
  const router = deps.instances;
  if (source.kind !== 'rsshub' || !router) return collectOnce(source, prior, deps);
  const attempts = await router.attempts(source, prior, deps.now());
  if (attempts.length === 0) {
    const until = router.restingUntil(deps.now());
    return { outcome: { source, status: 'skipped', seen: 0, items: [], headlines: [], newItems: 0, updatedItems: 0, elapsedMs: 0, attempts: 0, instancesResting: true, ...(until ? { nextAttemptAt: until } : {}) } };
  }
  let last: Collected | undefined;
  let elapsedMs = 0;
  for (const a of attempts) {
    const c = await collectOnce(a.source, a.cache, deps);
    elapsedMs += c.outcome.elapsedMs;
    const verdict = verdictOf(c.outcome);
    await router.report(a.instance, verdict, c.outcome, deps.now());
    if (verdict.kind === 'served') return { outcome: { ...c.outcome, source, elapsedMs, servedBy: a.instance }, cache: { ...c.cache, servedBy: a.instance } };
    last = c;
  }
  return { outcome: { ...last!.outcome, source, elapsedMs } };
}

async function collectOnce(source: Source, prior: HttpCache, deps: CollectDeps): Promise<Collected> {
  const started = deps.now().getTime();
  try {
    const r = await deps.fetcher(source, prior, { force: deps.force });
    switch (r.kind) {
      case 'failed':
        return failed(source, r.error, r.elapsedMs, r.attempts, r.status, r.retryAfterMs);
      case 'not-modified':
        return {
          outcome: { source, status: 'not-modified', seen: 0, items: [], headlines: [], newItems: 0, updatedItems: 0, elapsedMs: r.elapsedMs, attempts: r.attempts, httpStatus: 304 },
          cache: { etag: r.etag ?? prior.etag, lastModified: r.lastModified ?? prior.lastModified, ...freshUntil(deps.now(), null, r.maxAgeSeconds) },
        };
      case 'ok': {
        // Content-Location, where given, is the base for the document's relative links (RFC 9110).
        const base = r.contentLocation ? resolveUrl(r.contentLocation, r.finalUrl) : r.finalUrl;
        const input: DigestInput = {
          text: r.text, baseUrl: base, sourceId: source.id, maxItems: source.options.items,
          known: deps.known ? [...(await deps.known())] : null, secrets: deps.secretsOf?.(source) ?? [],
        };
        const parsed = await (deps.digest ?? (async (i: DigestInput) => digest(i)))(input);
        if (!parsed.ok) return failed(source, new BroadsheetError(parsed.code, parsed.message, { source: source.id, url: base }), r.elapsedMs, r.attempts, r.status);
        const { seen, listed } = parsed;
        const { items, fullText } = source.options.fullText && deps.pages
          ? await withFullText(parsed.items, base, source.options.fullText, { pages: deps.pages, extract: deps.extract ?? ((a) => extractArticle(a.page, a.url, a.selector)), ...(deps.articles ? { stored: deps.articles } : {}) })
          : { items: parsed.items, fullText: undefined };
        const cut = items.flatMap((i) => (i.cut ? [{ title: i.title, fields: i.cut }] : []));
        deps.log.debug('entries', { format: parsed.format, seen, normalized: items.length, unchangedSkipped: seen - items.length });
        return {
          outcome: {
            source, status: 'ok', seen, items, listed, ...(cut.length ? { cut } : {}), headlines: items.map(({ id, title, link, publishedAt, image }) => ({ id, title, link, publishedAt, image })), newItems: 0, updatedItems: 0, elapsedMs: r.elapsedMs, attempts: r.attempts,
            httpStatus: r.status, format: parsed.format, charset: r.charset, feedTitle: parsed.title, work: { ...parsed.work, storeMs: 0 }, ...(fullText ? { fullText } : {}),
          },
          cache: { etag: r.etag, lastModified: r.lastModified, ...freshUntil(deps.now(), parsed.ttlMinutes, r.maxAgeSeconds) },
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
export async function collectAll(config: Config, sources: readonly Source[], deps: Pick<CollectDeps, 'fetcher' | 'now' | 'log' | 'pages'>, o: { onSourceDone?: OnSourceDone } = {}): Promise<SourceOutcome[]> {
  // Nothing is stored: the instances' health lives for this command only.
  const instances = await instanceRouter(config.rsshub, null);
  return eachSource(
    sources,
    config.fetch.concurrency,
    async (source) =>
      (await collectSource(source, {}, { ...deps, log: deps.log.child({ sourceId: source.id }), secretsOf: (s) => accessSecrets(s, config.rsshub), digest: (input) => parsePool(poolLimits(config.fetch)).run(input), extract: (article) => parsePool(poolLimits(config.fetch)).run({ article }), instances })).outcome,
    o.onSourceDone,
  );
}
