import type { Config } from '../config/index.js';
import type { Source } from '../sources/index.js';
import type { Fetcher, PageFetcher, PictureFetcher } from '../fetch/index.js';
import { makeThumbnails } from './thumbnails.js';
import { instanceRouter } from './instances.js';
import { applyRules } from './rules.js';
import { groupStories } from './stories.js';
import type { Logger } from '../shared/index.js';
import type { Store } from '../store/index.js';
import { ingest, type IngestOptions } from './ingest.js';
import { closeParsePools } from './parse-pool.js';
import { publish } from './publish.js';
import type { RunPhases, RunReport, SourceOutcome } from './types.js';

export interface RunDeps {
  fetcher: Fetcher;
  /** Pictures for the site's thumbnails (`site.images: copy`); without it none are made. */
  pictures?: PictureFetcher;
  /** Article pages, for sources with `fullText`. */
  pages?: PageFetcher;
  now: () => Date;
  log: Logger;
  store: Store;
}

/** The whole job: ingest every source, apply retention, publish every output, record the run. */
export async function run(config: Config, sources: readonly Source[], deps: RunDeps, o: IngestOptions = {}): Promise<RunReport> {
  const startedAt = deps.now().toISOString();
  const t0 = performance.now();
  const instances = await instanceRouter(config.rsshub, deps.store);
  const outcomes = await ingest(config, sources, { ...deps, instances }, o);
  await closeParsePools();
  const t1 = performance.now();
  const { retention } = config;
  const pruned = retention.days !== undefined || retention.perSource !== undefined ? await deps.store.items.prune(retention, deps.now()) : [];
  const t2 = performance.now();
  const outputsMs: Record<string, number> = {};
  const rules = await applyRules(config, sources, deps.store, deps.now());
  const stories = await groupStories(config, deps.store, deps.now());
  const t3 = performance.now();
  const thumbnails = await makeThumbnails(config, deps.store, deps.pictures, deps.now());
  if (thumbnails) outputsMs.thumbnails = performance.now() - t3;
  const outputs = await publish(config, deps.store, { sources, now: deps.now() }, outputsMs);
  const phases = { ...sumWork(outcomes), totalMs: performance.now() - t0, ingestMs: t1 - t0, retentionMs: t2 - t1, outputsMs };
  const report: RunReport = { startedAt, finishedAt: deps.now().toISOString(), outcomes, outputs, pruned: pruned.length, phases, ...(thumbnails ? { thumbnails } : {}), ...(rules ? { rules } : {}), ...(stories ? { stories } : {}), instances: instances.summary() };
  await deps.store.runs.record({
    startedAt, finishedAt: report.finishedAt, sources: outcomes.length, failed: outcomes.filter((x) => x.status === 'failed').length,
    created: outcomes.reduce((n, x) => n + x.newItems, 0), updated: outcomes.reduce((n, x) => n + x.updatedItems, 0),
  });
  return report;
}

/** The per-source times summed over the run. */
function sumWork(outcomes: readonly SourceOutcome[]): Pick<RunPhases, 'fetchWaitMs' | 'parseMs' | 'sanitizeMs' | 'normalizeMs' | 'storeMs'> {
  const sum = { fetchWaitMs: 0, parseMs: 0, sanitizeMs: 0, normalizeMs: 0, storeMs: 0 };
  for (const x of outcomes) {
    sum.fetchWaitMs += x.elapsedMs;
    sum.parseMs += x.work?.parseMs ?? 0;
    sum.sanitizeMs += x.work?.sanitizeMs ?? 0;
    sum.normalizeMs += x.work?.normalizeMs ?? 0;
    sum.storeMs += x.work?.storeMs ?? 0;
  }
  return sum;
}
