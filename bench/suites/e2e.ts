/**
 * Suite 5, end to end: `broadsheet run` (the compiled CLI) over N RSSHub routes × 20 items served on
 * loopback — fetch, store, Hexo posts — then a second run where every route answers 304.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measure } from '../lib/proc.js';
import { rsshubLike } from '../lib/loopback.js';
import { fmt, markdown } from '../lib/table.js';
import type { SuiteOptions } from './parse.js';
import type { RunPhases } from '../../src/pipeline/index.js';

const BIN = resolve(import.meta.dirname, '../../bin/broadsheet');

const PHASES = [['fetchWaitMs', 'fetch wait'], ['parseMs', 'parse'], ['sanitizeMs', 'sanitize'], ['normalizeMs', 'normalize'], ['storeMs', 'store'], ['hexo', 'Hexo output']] as const;

function phaseShares(p: RunPhases): string[] {
  const ms = PHASES.map(([key]) => (key === 'hexo' ? p.outputsMs.hexo ?? 0 : p[key]));
  const sum = ms.reduce((a, b) => a + b, 0);
  return ms.map((v) => `${fmt((v / sum) * 100, 1)} % (${fmt(v, 0)})`);
}

export async function e2eSuite(o: SuiteOptions): Promise<string> {
  const n = o.quick ? 60 : 300;
  const server = await rsshubLike('127.0.0.1', () => 0);
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-e2e-'));
  try {
    const sources = Array.from({ length: n }, (_, i) => `  - route: /r/${i}\n    category: 新媒体\n    site: 站点${i % 40}\n    channel: 频道${i}\n`).join('');
    await writeFile(join(dir, 'broadsheet.yml'), `rsshub:\n  instance: ${server.url}\nsources:\n${sources}hexo:\n  posts: posts\n`);
    const runs = [];
    const shares: (string | number)[][] = [];
    for (const label of ['first run', 'second run (all 304)']) {
      const r = await measure(process.execPath, [BIN, 'run', '--json'], { cwd: dir });
      const report = JSON.parse(r.stdout) as { sources: Array<{ status: string; items: number }>; outputs: { hexo: { created: number; updated: number; unchanged: number } }; phases: RunPhases };
      shares.push([label, ...phaseShares(report.phases)]);
      const statuses = report.sources.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {});
      runs.push([label, fmt(r.seconds, 2), r.maxRssMb === null ? '—' : fmt(r.maxRssMb, 0), Object.entries(statuses).map(([k, v]) => `${v} ${k}`).join(', '), `${report.outputs.hexo.created} new, ${report.outputs.hexo.updated} updated, ${report.outputs.hexo.unchanged} unchanged`]);
    }
    return `End to end: ${n} routes × 20 items on loopback, default politeness (8 at once, 2 per host)\n\n${markdown(['run', 'seconds', 'peak RSS MB', 'sources', 'posts'], runs)}\n\nWhere the time went (from the run's own \`phases\`: per-source times summed, so fetch wait overlaps the rest; share of their sum, ms in brackets)\n\n${markdown(['run', ...PHASES.map(([, label]) => label)], shares)}`;
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
