import { parseDurationMs } from '../../config/index.js';
import { BroadsheetError } from '../../shared/index.js';
import { collectAll, isFailing, run, withRunLock } from '../../pipeline/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';
import { progressReporter } from '../progress.js';
import { formatReport, reportJson } from '../report.js';

type Values = Record<string, string | boolean | undefined>;
const strictExit = (values: Values, outcomes: Parameters<typeof isFailing>[0][]): number => (values.strict && outcomes.some(isFailing) ? 1 : 0);

export const runCommand: Command = {
  name: 'run',
  summary: 'fetch every source into the store, then bring the Hexo posts and the site up to date',
  options: {
    deadline: { type: 'string', description: 'start no source after this long (20m, 90s): the rest go first next run, and the store and outputs are still brought up to date (a scheduled job sets it below its time limit)' },
  },
  async run(values, _, io) {
    const deadlineMs = values.deadline === undefined ? null : parseDurationMs(String(values.deadline));
    if (deadlineMs === null && values.deadline !== undefined) throw new BroadsheetError('cli.usage', `--deadline ${String(values.deadline)} is not a duration (20m, 90s, 1.5h)`);
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const store = await ctx.openStore();
    const report = await withRunLock(store, ctx.now, () =>
      run(ctx.config, ctx.sources, { fetcher: ctx.fetcher, pictures: ctx.pictures, pages: ctx.pages, now: ctx.now, log: ctx.log, store }, {
        force: values.force === true,
        ...(deadlineMs !== null ? { stop: AbortSignal.timeout(deadlineMs) } : {}),
        onSourceDone: progressReporter(io, values.quiet === true || values.json === true),
      }),
    ).finally(() => store.close());
    io.out(ctx.redact(values.json ? reportJson(report) : formatReport(report)));
    if (!values.json) io.out(`posts in ${ctx.config.hexo.postsDir}${ctx.config.site ? `; site in ${ctx.config.site.out} (broadsheet serve shows it)` : ''}`);
    return strictExit(values, report.outcomes);
  },
};

export const fetchCommand: Command = {
  name: 'fetch',
  summary: 'fetch and parse every source and print a summary (stores and writes nothing)',
  options: {},
  async run(values, _, io) {
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const startedAt = ctx.now().toISOString();
    const outcomes = await collectAll(ctx.config, ctx.sources, { fetcher: ctx.fetcher, pages: ctx.pages, now: ctx.now, log: ctx.log }, {
      onSourceDone: progressReporter(io, values.quiet === true || values.json === true),
    });
    const report = { startedAt, finishedAt: ctx.now().toISOString(), outcomes, outputs: {}, pruned: 0 };
    io.out(ctx.redact(values.json ? reportJson(report) : formatReport(report)));
    return strictExit(values, outcomes);
  },
};
