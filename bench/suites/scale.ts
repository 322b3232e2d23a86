/**
 * Scale: does a run stay as fast and as small as the store grows? `broadsheet run` (the compiled CLI,
 * Hexo posts and the site) over N loopback sources × 20 items, five runs each adding N × 20 new
 * items, and a run with nothing new after the first and after the last; peak RSS and time of each.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measure } from '../lib/proc.js';
import { rsshubLike } from '../lib/loopback.js';
import { fmt, markdown } from '../lib/table.js';
import type { SuiteOptions } from './parse.js';
import { siteScale } from './site-scale.js';

const BIN = resolve(import.meta.dirname, '../../bin/broadsheet');
const ROUNDS = 5;

export async function scaleSuite(o: SuiteOptions): Promise<string> {
  return `${await runScale(o)}\n\n${await siteScale(o.quick ? [500, 1500] : [20_000, 200_000])}`;
}

async function runScale(o: SuiteOptions): Promise<string> {
  const feeds = o.quick ? 100 : 2000;
  let g = 0;
  const server = await rsshubLike('127.0.0.1', () => 0, 20, () => ({ g, feeds }));
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-scale-'));
  try {
    const sources = Array.from({ length: feeds }, (_, i) => `  - route: /r/${i}\n    category: 新闻\n    site: 站点${i % 50}\n    channel: 频道${i}\n`).join('');
    await writeFile(join(dir, 'broadsheet.yml'), `rsshub:\n  instance: ${server.url}\nsources:\n${sources}hexo:\n  posts: posts\nsite:\n  out: public\n  title: Scale\n`);
    const rows: (string | number)[][] = [];
    // Generations served by each run: a repeated one finds nothing new (every feed answers 304).
    const plan = [0, 0, ...Array.from({ length: ROUNDS - 1 }, (_, i) => i + 1), ROUNDS - 1];
    const growing: number[] = [];
    const idle: number[] = [];
    for (const [i, generation] of plan.entries()) {
      g = generation;
      const nothingNew = i > 0 && plan[i - 1] === generation;
      const r = await measure(process.execPath, [BIN, 'run', '--json'], { cwd: dir });
      const report = JSON.parse(r.stdout) as { outputs: { hexo: { created: number } } };
      if (nothingNew) idle.push(r.seconds);
      else growing.push(r.maxRssMb ?? 0);
      rows.push([nothingNew ? 'nothing new' : `adds ${(feeds * 20).toLocaleString('en')}`, ((generation + 1) * feeds * 20).toLocaleString('en'), report.outputs.hexo.created, fmt(r.seconds, 1), r.maxRssMb === null ? '—' : fmt(r.maxRssMb, 0)]);
    }
    const flat = Math.max(...growing) / Math.min(...growing);
    return `Scale: ${feeds} sources × 20 items on loopback; each run fetches every feed, stores, writes Hexo posts and the site (\`broadsheet run\`)\n\n${markdown(
      ['run', 'stored items after', 'posts written', 'seconds', 'peak RSS MB'],
      rows,
    )}\n\nPeak RSS of the growing runs, largest ÷ smallest: ${fmt(flat, 2)}× (goal ≤ 1.2×). Nothing-new run at ${(ROUNDS * feeds * 20).toLocaleString('en')} items ÷ at ${(feeds * 20).toLocaleString('en')}: ${fmt(idle[1]! / idle[0]!, 2)}× (goal ≤ 1.5×).`;
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
