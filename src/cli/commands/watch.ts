import { Cron } from 'croner';
import { parseDurationMs } from '../../config/index.js';
import { run, withRunLock, type RunReport } from '../../pipeline/index.js';
import { asBroadsheetError, BroadsheetError } from '../../shared/index.js';
import type { Command } from '../command.js';
import type { Io } from '../io.js';
import { loadContext } from '../context.js';
import { stopOnSignals } from '../signals.js';

/** When the next run starts: `every` after the last one started, or the cron expression's next time. */
function scheduleOf(values: Record<string, string | boolean | undefined>): { describe: string; next(lastStart: Date): Date } {
  const every = typeof values.every === 'string' ? values.every : undefined;
  const cron = typeof values.cron === 'string' ? values.cron : undefined;
  if ((every === undefined) === (cron === undefined)) throw new BroadsheetError('cli.usage', 'watch needs one of --every <duration> (such as 30m) or --cron "<expression>" (such as "0 */2 * * *")');
  if (every !== undefined) {
    const ms = parseDurationMs(every);
    if (ms === null || ms < 1000) throw new BroadsheetError('cli.usage', `--every must be a duration of at least 1s such as 30m or 2h, got "${every}"`);
    return { describe: `every ${every}`, next: (last) => new Date(last.getTime() + ms) };
  }
  let c: Cron;
  try {
    c = new Cron(cron!, { paused: true });
  } catch (e) {
    throw new BroadsheetError('cli.usage', `--cron "${cron}" is not a cron expression: ${(e as Error).message}`);
  }
  return { describe: `on "${cron}"`, next: (last) => c.nextRun(new Date(Math.max(Date.now(), last.getTime()))) ?? new Date(8.64e15) };
}

const summary = (n: number, r: RunReport, ms: number): string => {
  const o = r.outcomes;
  const site = r.outputs.site ? `; site ${r.outputs.site.created} new, ${r.outputs.site.updated} updated files` : '';
  return `run ${n}: ${o.length} sources, ${o.filter((x) => x.status === 'failed').length} failed, ${o.reduce((k, x) => k + x.newItems, 0)} new and ${o.reduce((k, x) => k + x.updatedItems, 0)} updated items${site} in ${(ms / 1000).toFixed(1)}s`;
};

/**
 * `broadsheet watch`: `run` on a schedule in the foreground, one run at a time (the next starts only
 * after the last has finished), a line per run. SIGINT / SIGTERM: sources not yet started are
 * skipped, those in flight are recorded, the outputs are brought up to date, and it exits; a second
 * signal exits at once (every store write is a transaction, so the store stays whole).
 */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'run fetch + build on a schedule in the foreground (--every 30m or --cron "0 */2 * * *"), one run at a time',
  options: {
    every: { type: 'string', description: 'run this long after the last run started, such as 30m or 2h' },
    cron: { type: 'string', description: 'run at the times of a cron expression, such as "0 */2 * * *" (local time)' },
  },
  async run(values, _, io) {
    const schedule = scheduleOf(values);
    const stop = stopOnSignals(io, 'stopping: the sources in flight finish, then the outputs are brought up to date');
    let wake: () => void = () => undefined;
    stop.signal.addEventListener('abort', () => wake());
    io.out(`watching ${schedule.describe}; Ctrl-C stops`);
    try {
      for (let n = 1; !stop.signal.aborted; n++) {
        const started = new Date();
        await once(n, values, io, stop.signal);
        if (stop.signal.aborted) break;
        const next = schedule.next(started);
        io.out(`next run at ${next.toISOString()}`);
        await new Promise<void>((done) => {
          const timer = setTimeout(done, Math.max(0, next.getTime() - Date.now()));
          wake = () => {
            clearTimeout(timer);
            done();
          };
        });
      }
    } finally {
      stop.dispose();
    }
    io.out('stopped');
    return 0;
  },
};

/** One run, its config read again (edits apply from the next run on); a failure is logged and the watch goes on. */
async function once(n: number, values: Record<string, string | boolean | undefined>, io: Io, stop: AbortSignal): Promise<void> {
  const t0 = Date.now();
  try {
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const store = await ctx.openStore();
    try {
      const report = await withRunLock(store, ctx.now, () => run(ctx.config, ctx.sources, { fetcher: ctx.fetcher, pictures: ctx.pictures, pages: ctx.pages, now: ctx.now, log: ctx.log, store }, { stop }));
      io.out(`${new Date().toISOString()} ${ctx.redact(summary(n, report, Date.now() - t0))}`);
    } finally {
      await store.close();
    }
  } catch (e) {
    const error = asBroadsheetError(e);
    io.err(`${new Date().toISOString()} run ${n} ${error.code === 'store.busy' ? 'skipped' : 'failed'}: ${error.message}`);
  }
}
