import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withAccessKey } from '../../fetch/index.js';
import type { Command } from '../command.js';
import { loadContext, type Context } from '../context.js';

/** One request to an instance's health endpoint (its access key applied), before anything is fetched. */
async function probeInstance(ctx: Context, { url: instance, key, keyMode }: Context['config']['rsshub']['instances'][number]): Promise<string | null> {
  const url = key ? withAccessKey(`${instance}/healthz`, key, keyMode) : `${instance}/healthz`;
  try {
    const fetch = ctx.fetch ?? globalThis.fetch;
    const res = await fetch(url, { signal: AbortSignal.timeout(Math.min(ctx.config.fetch.timeoutMs, 5_000)), headers: { 'user-agent': ctx.config.fetch.userAgent } });
    await res.body?.cancel();
    return res.ok ? null : `RSSHub instance ${instance} answered HTTP ${res.status}${res.status === 403 ? ' (access key wrong or missing)' : ''}`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    return `RSSHub instance ${instance} is unreachable (${cause})`;
  }
}

/** What would fail at run time although the YAML is valid: missing feed files, output folders that are files. */
function pathProblems(ctx: Context): string[] {
  const kindOf = (path: string): 'file' | 'dir' | null => {
    try {
      return statSync(path).isDirectory() ? 'dir' : 'file';
    } catch {
      return null;
    }
  };
  const { config } = ctx;
  const problems = ctx.sources
    .filter((s) => s.kind === 'file' && kindOf(fileURLToPath(s.url)) !== 'file')
    .map((s) => `${config.file}:${s.options.line}: source ${s.id}: ${fileURLToPath(s.url)} is not a file`);
  for (const [key, dir] of [['hexo.posts', config.hexo.postsDir], ['site.out', config.site?.out]] as const) {
    if (dir && kindOf(dir) === 'file') problems.push(`${config.file}: ${key}: ${dir} is a file, not a folder`);
  }
  return problems;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate the configuration (exit 2 when invalid); warn of routes missing from the catalog and an unreachable instance',
  options: {
    offline: { type: 'boolean', description: 'do not probe the RSSHub instance (no network at all)' },
  },
  async run(values, _, io) {
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const { config, sources } = ctx;
    const kinds = sources.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.kind]: (acc[s.kind] ?? 0) + 1 }), {});
    io.out(`${sources.length} sources (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'})`);
    for (const i of config.rsshub.instances) io.out(`RSSHub instance ${i.url}${i.key ? ` with access key (${i.keyMode})` : ''}`);
    io.out(`posts → ${config.hexo.postsDir}`);
    if (config.site) io.out(`site → ${config.site.out} (${config.site.url})`);
    const broken = pathProblems(ctx);
    for (const p of broken) io.err(`error: ${p}`);
    if (broken.length) return 2;
    let problems = 0;
    const routes = sources.filter((s) => s.kind === 'rsshub');
    const missing = routes.filter((s) => !ctx.lookup(s.options.route!));
    for (const s of missing) io.err(`warning: ${config.file}:${s.options.line}: route ${s.options.route} is not in the catalog (${ctx.catalog.source}; broadsheet catalog update reads the instance's own)`);
    problems += missing.length;
    if (routes.length && !values.offline) {
      const answers = await Promise.all(config.rsshub.instances.map((i) => probeInstance(ctx, i)));
      const down = answers.filter((a): a is string => a !== null);
      for (const d of down) io.err(ctx.redact(`warning: ${d}`));
      const several = answers.length > 1;
      if (down.length < answers.length) io.out(several ? `${answers.length - down.length} of ${answers.length} instances reachable` : 'instance reachable');
      problems += down.length;
    }
    io.out(`${config.file}: ok`);
    // Warnings do not make a valid config invalid; --strict makes them fail (for CI).
    return problems && values.strict ? 1 : 0;
  },
};
