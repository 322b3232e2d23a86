import { mapLimit, type Logger } from '../shared/index.js';
import type { Config } from '../config/index.js';
import type { Source } from '../sources/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { Store } from '../store/index.js';
import { syncPosts } from '../hexo/index.js';
import { refreshSource } from './refresh.js';
import { accessSecrets } from './secrets.js';
import { nextAttemptAfter } from './backoff.js';
import type { RunReport, SourceOutcome } from './types.js';

export interface RunDeps {
  fetcher: Fetcher;
  now: () => Date;
  log: Logger;
  /** Without a store (the `fetch` command) nothing is kept and every fetch is unconditional. */
  store?: Store;
}

export interface RunOptions {
  /** Write Hexo posts from the store (the `run` command). */
  writePosts: boolean;
  /** Ignore back-off and stored validators. */
  force?: boolean;
  onSourceDone?: (outcome: SourceOutcome, done: number, total: number) => void;
}

/** One source: skipped while backing off, else refreshed; its result stored in one transaction. */
async function refreshOne(source: Source, config: Config, deps: RunDeps, o: RunOptions): Promise<SourceOutcome> {
  const { store } = deps;
  const health = await store?.healthOf(source.id);
  const now = deps.now();
  if (!o.force && health?.nextAttemptAt && new Date(health.nextAttemptAt) > now) {
    return { source, status: 'skipped', seen: 0, items: [], newItems: 0, updatedItems: 0, elapsedMs: 0, attempts: 0, nextAttemptAt: health.nextAttemptAt };
  }
  const log = deps.log.child({ sourceId: source.id });
  // --force also makes every entry go through normalizing again (after a change of rules, say).
  const known = store && !o.force ? await store.entryHashes(source.id) : undefined;
  const { outcome, cache } = await refreshSource(source, health?.cache ?? {}, {
    fetcher: deps.fetcher, now: deps.now, log, force: o.force, secretsOf: (s) => accessSecrets(s, config.rsshub), ...(known ? { known } : {}),
  });
  if (!store) return outcome;
  const at = deps.now();
  const timing = { at, latencyMs: outcome.elapsedMs };
  if (outcome.status === 'ok') {
    const r = await store.recordSuccess(source.id, outcome.items, { ...timing, cache: cache ?? {} });
    outcome.newItems = r.created.length;
    outcome.updatedItems = r.updated.length;
  } else if (outcome.status === 'not-modified') {
    await store.recordNotModified(source.id, { ...timing, cache: cache ?? {} });
  } else if (outcome.error) {
    log.info('source failed', { code: outcome.error.code, message: outcome.error.message });
    const error = { code: outcome.error.code, status: outcome.httpStatus ?? null, message: outcome.error.message };
    await store.recordFailure(source.id, error, { ...timing, nextAttemptAt: nextAttemptAfter(health?.consecutiveFailures ?? 0, at) });
  }
  return outcome;
}

/** The whole job: every source refreshed with bounded concurrency and isolated failures, retention, then the posts. */
export async function run(config: Config, sources: readonly Source[], deps: RunDeps, o: RunOptions): Promise<RunReport> {
  const startedAt = deps.now().toISOString();
  await deps.store?.syncSources(sources);
  let done = 0;
  const outcomes = await mapLimit(sources, config.fetch.concurrency, async (source) => {
    const outcome = await refreshOne(source, config, deps, o);
    o.onSourceDone?.(outcome, ++done, sources.length);
    return outcome;
  });
  const pruned = deps.store && (config.retention.days !== undefined || config.retention.perSource !== undefined) ? await deps.store.prune(config.retention, deps.now()) : [];
  const posts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  if (o.writePosts && deps.store) {
    const r = await syncPosts(deps.store, config.hexo.postsDir, config.hexo);
    Object.assign(posts, { created: r.created.length, updated: r.updated.length, unchanged: r.unchanged.length, removed: r.removed.length });
  }
  const report: RunReport = { startedAt, finishedAt: deps.now().toISOString(), outcomes, posts, pruned: pruned.length };
  await deps.store?.recordRun({
    startedAt, finishedAt: report.finishedAt, sources: outcomes.length, failed: outcomes.filter((x) => x.status === 'failed').length,
    created: outcomes.reduce((n, x) => n + x.newItems, 0), updated: outcomes.reduce((n, x) => n + x.updatedItems, 0),
  });
  return report;
}
