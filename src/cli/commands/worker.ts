import { parseDurationMs } from '../../config/index.js';
import { createFetchers } from '../../fetch/index.js';
import { claimOwner, leaseMsFor, runWorker, storeHostGate } from '../../pipeline/index.js';
import { BroadsheetError } from '../../shared/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';
import { stopOnSignals } from '../signals.js';

function duration(name: string, value: unknown, fallback: number): number {
  if (typeof value !== 'string') return fallback;
  const ms = parseDurationMs(value);
  if (ms === null || ms < 1000) throw new BroadsheetError('cli.usage', `--${name} must be a duration of at least 1s such as 30m or 2h, got "${value}"`);
  return ms;
}

/**
 * `broadsheet worker`: fetch sources into the shared store, as one of any number of workers on any
 * number of machines (store.url: PostgreSQL). Each source is claimed by one worker at a time,
 * `fetch.perHost` holds across all of them, and a source is due again `--every` after its last
 * attempt. SIGINT / SIGTERM: nothing more is claimed, the sources in flight are recorded, exit 0.
 */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'fetch due sources into the shared store, beside any number of other workers (publishing is build / hexo)',
  options: {
    once: { type: 'boolean', description: 'claim until nothing is due, then exit (for workers started by cron)' },
    every: { type: 'string', description: 'how long after its last attempt a source is due again (default 30m)' },
    lease: { type: 'string', description: 'how long a claim holds before another worker may take the source (default: from fetch.timeout and retries, at least 5m)' },
  },
  async run(values, _, io) {
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const everyMs = duration('every', values.every, 30 * 60_000);
    const leaseMs = duration('lease', values.lease, leaseMsFor(ctx.config.fetch));
    const store = await ctx.openStore();
    const owner = claimOwner();
    const stop = stopOnSignals(io, 'stopping: the sources in flight finish and are recorded');
    try {
      // The host slots are the store's, shared with every worker, for feeds and article pages alike.
      const { feeds: fetcher, pages } = createFetchers(ctx.config.fetch, ctx.config.rsshub, {
        redact: ctx.redact, now: ctx.now, log: ctx.log, ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
        hostGate: storeHostGate(store, ctx.config.fetch.perHost, owner, leaseMs, ctx.now),
      });
      io.out(`worker ${owner}: ${ctx.sources.length} sources, each due ${values.every ?? '30m'} after its last attempt${values.once ? '; exits when nothing is due' : '; Ctrl-C stops'}`);
      const t = await runWorker(ctx.config, ctx.sources, { fetcher, pages, now: ctx.now, log: ctx.log, store, owner }, {
        everyMs, leaseMs, once: values.once === true, stop: stop.signal,
        onSourceDone: (o) => ctx.log.info('source done', { sourceId: o.source.id, status: o.status, newItems: o.newItems }),
      });
      io.out(`worker ${owner}: ${t.sources} sources fetched, ${t.failed} failed, ${t.newItems} new and ${t.updatedItems} updated items`);
      return 0;
    } finally {
      stop.dispose();
      await store.close();
    }
  },
};
