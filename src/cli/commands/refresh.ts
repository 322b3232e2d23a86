import { run } from '../../pipeline/index.js';
import { CONFIG_OPTION, type Command } from '../command.js';
import { loadContext } from '../context.js';
import type { Io } from '../io.js';
import { progressReporter } from '../progress.js';
import { formatReport, reportJson } from '../report.js';

const OPTIONS: Command['options'] = {
  config: CONFIG_OPTION,
  json: { type: 'boolean', description: 'print the report as JSON on stdout' },
  strict: { type: 'boolean', description: 'exit 1 when any source failed' },
  force: { type: 'boolean', description: 'ignore back-off and stored validators (no conditional GET)' },
  quiet: { type: 'boolean', short: 'q', description: 'no progress output' },
  verbose: { type: 'boolean', short: 'v', description: 'debug logging on stderr' },
};

async function refresh(values: Record<string, string | boolean | undefined>, io: Io, writePosts: boolean): Promise<number> {
  const ctx = await loadContext(String(values.config), io, values.verbose === true);
  const store = writePosts ? ctx.openStore() : undefined;
  const report = await run(ctx.config, ctx.sources, { fetcher: ctx.fetcher, now: ctx.now, log: ctx.log, ...(store ? { store } : {}) }, {
    writePosts,
    force: values.force === true,
    onSourceDone: progressReporter(io, values.quiet === true || values.json === true),
  }).finally(() => store?.close());
  io.out(ctx.redact(values.json ? reportJson(report) : formatReport(report, writePosts)));
  if (writePosts && !values.json) io.out(`posts in ${ctx.config.hexo.postsDir}`);
  const failures = report.outcomes.filter((o) => o.status === 'failed').length;
  return values.strict && failures > 0 ? 1 : 0;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'fetch every source into the store, then bring the Hexo posts up to date',
  options: OPTIONS,
  run: (values, _, io) => refresh(values, io, true),
};

export const fetchCommand: Command = {
  name: 'fetch',
  summary: 'fetch and parse every source and print a summary (stores and writes nothing)',
  options: OPTIONS,
  run: (values, _, io) => refresh(values, io, false),
};
