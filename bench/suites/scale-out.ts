/**
 * Scale-out: N loopback sources (50–200 ms each) fetched by 1, 2 and 4 `broadsheet worker --once`
 * processes on one PostgreSQL store, and by one worker on SQLite as the baseline. Sources and items
 * per second, the ratio to the ideal (Σ latency ÷ total concurrency) and peak RSS per worker.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measure } from '../lib/proc.js';
import { fmt, markdown } from '../lib/table.js';
import { postgresAvailable, startPostgres } from '../../test/helpers/postgres.js';
import type { SuiteOptions } from './parse.js';

const BIN = resolve(import.meta.dirname, '../../bin/broadsheet');
const HOSTS = 40;
const CONCURRENCY = 16;
const PER_HOST = 4;
const ITEMS = 5;

const latencyOf = (n: number, quick: boolean): number => (quick ? 20 : 50) + ((n * 7919) % (quick ? 61 : 151));

function feed(n: number): string {
  const items = Array.from({ length: ITEMS }, (_, k) => `<item><title>源${n} 新闻${k}</title><link>https://news.test/${n}/${k}</link><guid>${n}-${k}</guid><description>&lt;p&gt;第${k}条，来自源${n}。&lt;/p&gt;</description></item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>源 ${n}</title><link>https://news.test/${n}</link>${items}</channel></rss>`;
}

async function hosts(quick: boolean): Promise<{ urls: string[]; close: () => Promise<void> }> {
  const servers: Server[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const s = createServer((req, res) => {
      const n = Number(/\/f\/(\d+)/.exec(req.url ?? '')?.[1]);
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed(n)), latencyOf(n, quick));
    });
    s.keepAliveTimeout = 5000;
    await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
    servers.push(s);
  }
  return {
    urls: servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`),
    close: async () => void (await Promise.all(servers.map((s) => new Promise((done) => { s.closeAllConnections(); s.close(done); })))),
  };
}

export async function scaleOutSuite(o: SuiteOptions): Promise<string> {
  if (!postgresAvailable()) return 'PostgreSQL server programs (initdb, pg_ctl) not found: scale-out not run';
  const n = o.quick ? 400 : 10_000;
  const cluster = await startPostgres({ countStatements: true });
  const feeds = await hosts(o.quick);
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-scale-out-'));
  try {
    const sources = Array.from({ length: n }, (_, i) => `  - url: ${feeds.urls[i % HOSTS]}/f/${i}\n    category: 新闻\n    site: 站点${i % HOSTS}\n    channel: 频道${i}\n`).join('');
    const totalLatency = Array.from({ length: n }, (_, i) => latencyOf(i, o.quick)).reduce((a, b) => a + b, 0) / 1000;
    const rows: (string | number)[][] = [];
    const perSecond: Record<string, number> = {};
    const runs: Array<{ label: string; workers: number; store: string }> = [
      { label: 'SQLite, 1 worker (baseline)', workers: 1, store: `  path: ${join(dir, 'baseline.db')}` },
      ...[1, 2, 4].map((w) => ({ label: `PostgreSQL, ${w} worker${w > 1 ? 's' : ''}`, workers: w, store: '' })),
    ];
    for (const r of runs) {
      const url = r.store ? null : await cluster.newDatabase();
      const store = r.store || `  url: ${url}`;
      const config = join(dir, `${r.workers}-${r.store ? 'sqlite' : 'pg'}.yml`);
      await writeFile(config, `fetch:\n  concurrency: ${CONCURRENCY}\n  perHost: ${PER_HOST}\nstore:\n${store}\nsources:\n${sources}`);
      const before = { statements: url ? await cluster.statements(url) : null, cpu: cluster.cpuSeconds() };
      const t0 = process.hrtime.bigint();
      const done = await Promise.all(Array.from({ length: r.workers }, () => measure(process.execPath, [BIN, 'worker', '--once', '--every', '1h', '-c', config], { cwd: dir })));
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      // The workers' connections close as they exit; their server processes are reaped a moment later.
      await new Promise((done) => setTimeout(done, 300));
      const statements = url && before.statements !== null ? (await cluster.statements(url))! - before.statements : null;
      const serverCpu = url ? cluster.cpuSeconds() - before.cpu : null;
      const fetched = done.reduce((k, d) => k + Number(/: (\d+) sources fetched/.exec(d.stdout)?.[1] ?? 0), 0);
      const ideal = totalLatency / Math.min(CONCURRENCY * r.workers, HOSTS * PER_HOST);
      perSecond[r.label] = fetched / seconds;
      rows.push([
        r.label, fetched, fmt(seconds, 1), fmt(fetched / seconds, 0), fmt((fetched * ITEMS) / seconds, 0), fmt(ideal, 1), `${fmt(seconds / ideal, 2)}×`,
        statements === null ? '—' : fmt(statements / fetched, 1), serverCpu === null ? '—' : fmt(serverCpu, 2), serverCpu ? fmt(fetched / serverCpu, 0) : '—',
        done.map((d) => (d.maxRssMb === null ? '—' : fmt(d.maxRssMb, 0))).join(' / '),
      ]);
    }
    const one = perSecond['PostgreSQL, 1 worker']!;
    const four = perSecond['PostgreSQL, 4 workers']!;
    return `Scale-out: ${n.toLocaleString('en')} loopback sources on ${HOSTS} hosts, ${o.quick ? '20–80' : '50–200'} ms each, ${ITEMS} items per feed; each worker ${CONCURRENCY} at once, ${PER_HOST} per host across all workers (\`worker --once\`; worker start-up included)\n\n${markdown(
      ['store, workers', 'sources', 'seconds', 'sources/s', 'items/s', 'ideal s', 'vs ideal', 'statements per source', 'PostgreSQL CPU s', 'sources per PostgreSQL CPU s', 'peak RSS MB per worker'],
      rows,
    )}\n\n4 workers ÷ 1 worker (PostgreSQL): ${fmt(four / one, 2)}× (goal ≥ 3.5×). Statements per source: every statement the server ran in the store's database (pg_stat_statements, BEGIN and COMMIT included; claims, host slots, reads and records; goal ≤ 3). Sources per PostgreSQL CPU second: what one core of the server's machine records each second while the server is the only limit.`;
  } finally {
    await feeds.close();
    cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
