import type { Config } from '../config/index.js';
import type { Source } from '../sources/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { Logger } from '../shared/index.js';
import type { Store } from '../store/index.js';
import { ingest, type IngestOptions } from './ingest.js';
import { publish } from './publish.js';
import type { RunReport } from './types.js';

export interface RunDeps {
  fetcher: Fetcher;
  now: () => Date;
  log: Logger;
  store: Store;
}

/** The whole job: ingest every source, apply retention, publish every output, record the run. */
export async function run(config: Config, sources: readonly Source[], deps: RunDeps, o: IngestOptions = {}): Promise<RunReport> {
  const startedAt = deps.now().toISOString();
  const outcomes = await ingest(config, sources, deps, o);
  const { retention } = config;
  const pruned = retention.days !== undefined || retention.perSource !== undefined ? await deps.store.items.prune(retention, deps.now()) : [];
  const outputs = await publish(config, deps.store, { sourceIds: sources.map((s) => s.id), now: deps.now() });
  const report: RunReport = { startedAt, finishedAt: deps.now().toISOString(), outcomes, outputs, pruned: pruned.length };
  await deps.store.runs.record({
    startedAt, finishedAt: report.finishedAt, sources: outcomes.length, failed: outcomes.filter((x) => x.status === 'failed').length,
    created: outcomes.reduce((n, x) => n + x.newItems, 0), updated: outcomes.reduce((n, x) => n + x.updatedItems, 0),
  });
  return report;
}
