import { BroadsheetError, grouped, xmlText, type Logger } from '../shared/index.js';
import type { Config } from '../config/index.js';
import type { Source } from '../sources/index.js';
import type { Fetcher, PageFetcher } from '../fetch/index.js';
import type { SourceHealth, SourceRecord, Store, UpsertResult } from '../store/index.js';
import { collectSource, type Collected } from './collect.js';
import { accessSecrets } from './secrets.js';
import { parsePool, poolLimits } from './parse-pool.js';
import { nextAttemptAfter } from './backoff.js';
import { claimOwner, leaseMsFor, releaseDeadClaims } from './claims.js';
import { eachSource, type OnSourceDone } from './each-source.js';
import type { SourceOutcome } from './types.js';
import { instanceRouter, type InstanceRouter } from './instances.js';

export interface IngestDeps {
  fetcher: Fetcher;
  now: () => Date;
  log: Logger;
  store: Store;
  /** Who claims the sources (default: this process). */
  owner?: string;
  /** RSSHub's instances and their health (default: read from the store when the run starts). */
  instances?: InstanceRouter;
  /** Article pages, for sources with `fullText`. */
  pages?: PageFetcher;
  /** Where a source's result is recorded (default: alone; runs and workers record the sources that finish together in one transaction). */
  record?: (r: SourceRecord) => Promise<UpsertResult | null>;
}

/** Results of sources that finish while others are being recorded go to the store together. */
export const groupedRecorder = (store: Store, o: { linger?: number; most?: number } = {}): NonNullable<IngestDeps['record']> => grouped((batch: SourceRecord[]) => store.sources.record(batch), o);

export interface IngestOptions {
  /** Ignore back-off and stored validators. */
  force?: boolean;
  onSourceDone?: OnSourceDone;
  /** Once aborted (a signal, the run's deadline), sources not yet started are skipped; those in flight finish and are recorded. */
  stop?: AbortSignal;
}

/**
 * Skipped: not due (`health` given) — backing off after failures, or its last document still fresh
 * (its `<ttl>`, the server's `max-age`) — or claimed by another process until `leaseUntil`.
 */
const skipped = (source: Source, health: SourceHealth | undefined, leaseUntil?: string): SourceOutcome => ({
  source, status: 'skipped', seen: 0, items: [], headlines: [], newItems: 0, updatedItems: 0, elapsedMs: 0, attempts: 0,
  ...((health?.nextAttemptAt ?? leaseUntil) ? { nextAttemptAt: (health?.nextAttemptAt ?? leaseUntil)! } : {}),
  ...(health ? (health.consecutiveFailures > 0 ? { backingOff: true as const } : { fresh: true as const }) : {}),
});

/** Not started: the run was stopped (its deadline, a signal) before this source's turn. */
const notStarted = (source: Source): SourceOutcome => ({ ...skipped(source, undefined), notStarted: true });

/**
 * One source: claimed (a source backing off, or claimed by another process, is skipped: the claim
 * decides), collected, and its result recorded in one transaction.
 */
async function ingestOne(source: Source, config: Config, deps: IngestDeps & { owner: string }, o: IngestOptions): Promise<SourceOutcome> {
  const { store } = deps;
  if (o.stop?.aborted) return notStarted(source);
  const [claimed] = await store.sources.claimDue(deps.now(), 1, { owner: deps.owner, ms: leaseMsFor(config.fetch) }, { ids: [source.id], force: o.force ?? false });
  if (!claimed) {
    const health = await store.sources.get(source.id);
    const lease = (await store.sources.leases(deps.now())).find((l) => l.sourceId === source.id);
    return skipped(source, health?.nextAttemptAt && new Date(health.nextAttemptAt) > deps.now() ? health : undefined, lease?.until);
  }
  return recordCollected(source, claimed, await collectFor(source, claimed, config, deps, o), deps);
}

/** What a claimed source's fetch brought, and when it was read. */
export interface ClaimedCollected extends Collected {
  at: Date;
}

/**
 * A claimed source collected (fetched, parsed, normalized; the store only read). `known`: its
 * entries' fingerprints, where the caller read them with others' (default: read when a document came).
 */
export async function collectFor(source: Source, claimed: SourceHealth, config: Config, deps: IngestDeps, o: Pick<IngestOptions, 'force'> & { known?: () => Promise<ReadonlyMap<string, string>> }): Promise<ClaimedCollected> {
  const { store } = deps;
  // --force also makes every entry go through normalizing again (after a change of rules, say).
  // Read only when a document came (a 304 costs no read of the source's items).
  const known = o.force ? undefined : (o.known ?? (async () => (await store.items.entryHashes([source.id])).get(source.id)!));
  const c = await collectSource(source, claimed.cache, {
    fetcher: deps.fetcher, now: deps.now, log: deps.log.child({ sourceId: source.id }), force: o.force, secretsOf: (s) => accessSecrets(s, config.rsshub), ...(known ? { known } : {}), ...(deps.instances ? { instances: deps.instances } : {}), ...(deps.pages ? { pages: deps.pages } : {}),
    ...(o.force ? {} : { articles: (ids: readonly string[]) => store.items.articles(ids) }),
    digest: (input) => parsePool(poolLimits(config.fetch)).run(input),
    extract: (article) => parsePool(poolLimits(config.fetch)).run({ article }),
  });
  return { ...c, at: deps.now() };
}

/** What was collected, recorded (the claim ends with the record): the outcome with its counts of new and updated items. */
export async function recordCollected(source: Source, claimed: SourceHealth, { outcome, cache, at }: ClaimedCollected, deps: IngestDeps): Promise<SourceOutcome> {
  const { store } = deps;
  const record = deps.record ?? (async (r: SourceRecord) => (await store.sources.record([r]))[0]!);
  const timing = { at, latencyMs: outcome.elapsedMs };
  if (outcome.status === 'ok') {
    const t0 = performance.now();
    const r = (await record({ kind: 'success', sourceId: source.id, items: outcome.items, ...timing, cache: cache ?? {}, ...(outcome.listed ? { listed: outcome.listed } : {}) }))!;
    if (outcome.work) outcome.work.storeMs = performance.now() - t0;
    // Stored: the run keeps no bodies (a run of 2,000 sources makes 40,000 items).
    outcome.items = [];
    outcome.newItems = r.created.length;
    outcome.updatedItems = r.updated.length;
  } else if (outcome.status === 'not-modified') {
    await record({ kind: 'not-modified', sourceId: source.id, ...timing, cache: cache ?? {} });
  } else if (outcome.status === 'skipped') {
    // Every instance rests: nothing was asked, nothing is the route's fault; another run or worker may take it.
    if (deps.owner) await store.sources.release(source.id, deps.owner);
  } else if (outcome.error) {
    deps.log.info('source failed', { sourceId: source.id, code: outcome.error.code, message: outcome.error.message });
    // Stored, then published on the sources page: a server's text without what XML forbids (escape sequences).
    const error = { code: outcome.error.code, status: outcome.httpStatus ?? null, message: xmlText(outcome.error.message) };
    await record({ kind: 'failure', sourceId: source.id, error, ...timing, nextAttemptAt: nextAttemptAfter(claimed.consecutiveFailures, at) });
  }
  return outcome;
}

/** A store call that failed for one source (busy, connection lost) fails that source only. */
function storeFailed(source: Source, e: unknown, log: Logger): SourceOutcome {
  const message = `the store failed while recording ${source.id}: ${e instanceof Error ? e.message : String(e)}`;
  log.warn('store failed for a source; the run goes on', { sourceId: source.id, message });
  const error = new BroadsheetError('store.failed', message, { source: source.id }, { cause: e });
  return { source, status: 'failed', seen: 0, items: [], headlines: [], newItems: 0, updatedItems: 0, elapsedMs: 0, attempts: 0, error };
}

/** One source's work, whose store failure fails that source only (a damaged store file stops the run). */
export async function isolated(source: Source, owner: string, deps: IngestDeps, work: () => Promise<SourceOutcome>): Promise<SourceOutcome> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof BroadsheetError && e.code === 'store.corrupt') throw e;
    await deps.store.sources.release(source.id, owner).catch(() => undefined);
    return storeFailed(source, e, deps.log);
  }
}

/**
 * Claim → collect → record for every source, bounded and isolated: safe to run in several processes at
 * once. The sources attempted longest ago go first, so a run cut short by its deadline leaves for the
 * next run the sources that were just fetched; outcomes come back in the config's order.
 */
export async function ingest(config: Config, sources: readonly Source[], deps: IngestDeps, o: IngestOptions = {}): Promise<SourceOutcome[]> {
  const owner = deps.owner ?? claimOwner();
  const instances = deps.instances ?? (await instanceRouter(config.rsshub, deps.store));
  const record = deps.record ?? groupedRecorder(deps.store);
  await deps.store.sources.sync(sources);
  await releaseDeadClaims(deps.store, deps.now());
  const lastAttempt = new Map((await deps.store.sources.all()).map((h) => [h.sourceId, h.lastAttemptAt ?? '']));
  const order = sources.map((s, i) => ({ s, i })).sort((a, b) => (lastAttempt.get(a.s.id) ?? '').localeCompare(lastAttempt.get(b.s.id) ?? '') || a.i - b.i);
  const outcomes = await eachSource(
    order.map((x) => x.s),
    config.fetch.concurrency,
    (source) => isolated(source, owner, deps, () => ingestOne(source, config, { ...deps, owner, instances, record }, o)),
    o.onSourceDone,
  );
  const inConfigOrder = new Array<SourceOutcome>(sources.length);
  order.forEach((x, k) => (inConfigOrder[x.i] = outcomes[k]!));
  return inConfigOrder;
}
