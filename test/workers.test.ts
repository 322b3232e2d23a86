import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed } from './helpers/rss.js';
import { noteMissingPostgres, postgresAvailable, startPostgres, type PgCluster } from './helpers/postgres.js';
import { tempDir, writeConfig } from './helpers/workspace.js';

const ENTRY = resolve('test/helpers/cli-entry.ts');
const HOSTS = 8;
const SOURCES = Number(process.env.WORKER_SOURCES ?? 2000);
const PER_HOST = 2;
const available = postgresAvailable();
if (!available) noteMissingPostgres();

/** Feeds answer once this has settled: a test holds them until every worker it started is claiming. */
let gate: Promise<unknown> = Promise.resolve();

/** A feed host on loopback that counts requests per path and the most it ever had in flight at once. */
interface Host { url: string; peak: number; requests: Map<string, number>; server: Server }

async function feedHost(h: number): Promise<Host> {
  const host: Host = { url: '', peak: 0, requests: new Map(), server: createServer() };
  let active = 0;
  host.server.on('request', (req, res) => {
    active++;
    host.peak = Math.max(host.peak, active);
    // A request its client gave up on is no longer in flight (its slot is free again).
    let open = true;
    const done = () => {
      if (open) active--;
      open = false;
    };
    res.on('close', done);
    const path = req.url ?? '';
    host.requests.set(path, (host.requests.get(path) ?? 0) + 1);
    const n = Number(/\/f\/(\d+)/.exec(path)?.[1]);
    // Three stories of its own, and one that twenty sources of this host carry too.
    const items = [0, 1, 2].map((k) => ({ title: `源${n} 新闻${k}`, link: `https://news.test/${n}/${k}` }));
    items.push({ title: `共同 ${h}-${n % 5}`, link: `https://news.test/shared/${h}/${n % 5}` });
    void gate.then(() => setTimeout(() => {
      done();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssFeed(`源 ${n}`, items));
    }, 15 + (n % 4) * 10));
  });
  await new Promise<void>((done) => host.server.listen(0, '127.0.0.1', done));
  host.url = `http://127.0.0.1:${(host.server.address() as AddressInfo).port}`;
  return host;
}

function worker(config: string, args: string[]): ChildProcess & { out: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'worker', '-c', config, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & { out: string[] };
  child.out = [];
  child.stdout!.on('data', (d) => child.out.push(String(d)));
  child.stderr!.on('data', (d) => child.out.push(String(d)));
  return child;
}
const exited = (c: ChildProcess): Promise<number | null> => (c.exitCode !== null ? Promise.resolve(c.exitCode) : new Promise((done) => c.on('exit', (code) => done(code))));

describe.skipIf(!available)('fetch workers on one PostgreSQL store', () => {
  let cluster: PgCluster;
  let hosts: Host[];
  beforeAll(async () => {
    cluster = await startPostgres({ countStatements: true });
  }, 60_000);
  afterAll(() => cluster?.stop());

  async function setUp(): Promise<{ config: string; url: string; cleanup: () => Promise<void> }> {
    hosts = await Promise.all(Array.from({ length: HOSTS }, (_, h) => feedHost(h)));
    const url = await cluster.newDatabase();
    const ws = await tempDir();
    const sources = Array.from({ length: SOURCES }, (_, n) => `  - url: ${hosts[n % HOSTS]!.url}/f/${n}\n    category: 测试\n    site: 站点${n % HOSTS}\n    channel: 频道${n}\n`).join('');
    // Feeds wait (up to a minute) for every worker to claim: no request may time out meanwhile.
    const config = await writeConfig(ws.dir, `fetch:\n  concurrency: 8\n  perHost: ${PER_HOST}\n  timeout: 2m\nstore:\n  url: ${url}\nsources:\n${sources}`);
    return { config, url, cleanup: async () => { await Promise.all(hosts.map((h) => new Promise((d) => h.server.close(d)))); await ws.cleanup(); } };
  }

  async function storeFacts(url: string) {
    const c = new pg.Client(url);
    await c.connect();
    try {
      const q = async (sql: string) => (await c.query(sql)).rows[0] as { n: number };
      return {
        items: (await q('SELECT count(*)::int AS n FROM items')).n,
        duplicated: (await q('SELECT count(*)::int AS n FROM (SELECT canonical_link FROM items GROUP BY 1 HAVING count(*) > 1) d')).n,
        succeeded: (await q('SELECT count(*)::int AS n FROM sources WHERE last_success_at IS NOT NULL')).n,
        carried: (await q("SELECT count(*)::int AS n FROM item_sources WHERE item_id IN (SELECT id FROM items WHERE canonical_link LIKE 'https://news.test/shared/%')")).n,
      };
    } finally {
      await c.end();
    }
  }


  /** Settles once `n` workers hold claims in the store (or after a minute, so a worker that never claims fails the test's assertions rather than hanging it). */
  async function claimants(url: string, n: number): Promise<void> {
    const c = new pg.Client(url);
    await c.connect();
    try {
      for (let t = 0; t < 1200; t++) {
        const owners = await c.query('SELECT count(DISTINCT lease_owner)::int AS n FROM sources WHERE lease_owner IS NOT NULL').then((r) => (r.rows[0] as { n: number }).n, () => 0);
        if (owners >= n) return;
        await new Promise((d) => setTimeout(d, 50));
      }
    } finally {
      await c.end();
    }
  }

  it('fetches every source exactly once across 4 workers, never past the per-host limit, with no item twice', async () => {
    const { config, url, cleanup } = await setUp();
    try {
      const workers = Array.from({ length: 4 }, () => worker(config, ['--once', '--every', '1h']));
      // No feed answers till all four hold claims: on a busy machine one may reach its first claim
      // seconds after its start line, when the others have taken everything (it failed CI so).
      gate = claimants(url, 4);
      expect(await Promise.all(workers.map(exited))).toEqual([0, 0, 0, 0]);
      gate = Promise.resolve();
      const counts = hosts.flatMap((h) => [...h.requests.values()]);
      expect(counts).toHaveLength(SOURCES);
      if (process.env.WORKER_DEBUG) console.log(JSON.stringify([...hosts[0]!.requests].slice(0, 30)), workers.map((w) => w.out.join('')));
      expect(counts.every((n) => n === 1)).toBe(true);
      expect(Math.max(...hosts.map((h) => h.peak))).toBeLessThanOrEqual(PER_HOST);
      // Each worker did part of the work.
      for (const w of workers) expect(w.out.join('')).toMatch(/: [1-9]\d* sources fetched, 0 failed/);
      const facts = await storeFacts(url);
      expect(facts).toEqual({ items: SOURCES * 3 + HOSTS * 5, duplicated: 0, succeeded: SOURCES, carried: SOURCES });
      // Sources recorded together, claimed ahead, host slots taken and given for several requests at
      // once: a few statements per source (one at a time it was 23 here; the bench prints the figure).
      // How many depends on how the requests contend for host slots: 6.15 in one CI run, so the bound
      // is 8, far below one at a time.
      expect((await cluster.statements(url))! / SOURCES).toBeLessThan(8);
      // Within the period nothing is due again: a fifth worker finds nothing to do.
      const again = worker(config, ['--once', '--every', '1h']);
      expect(await exited(again)).toBe(0);
      expect(again.out.join('')).toContain(': 0 sources fetched');
    } finally {
      await cleanup();
    }
  }, 180_000);

  it('keeps the claims of sources that wait for a busy host alive, so no other worker asks them again', async () => {
    // One host, one request at a time, a second per answer: the eighth source a worker claims waits
    // seven seconds for the host, past its 3 s claim. The worker renews what it holds (a third of
    // the lease); without that, the other worker claimed the waiting sources at its next look.
    const requests = new Map<string, number>();
    const server = createServer((req, res) => {
      requests.set(req.url ?? '', (requests.get(req.url ?? '') ?? 0) + 1);
      const n = Number(/\/f\/(\d+)/.exec(req.url ?? '')?.[1]);
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssFeed(`源 ${n}`, [{ title: `慢源${n} 新闻`, link: `https://news.test/slow/${n}` }])), 1000);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const url = await cluster.newDatabase();
    const ws = await tempDir();
    try {
      const sources = Array.from({ length: 8 }, (_, n) => `  - url: ${base}/f/${n}\n    category: 测试\n    site: 慢站\n    channel: 频道${n}\n`).join('');
      const config = await writeConfig(ws.dir, `fetch:\n  concurrency: 8\n  perHost: 1\nstore:\n  url: ${url}\nsources:\n${sources}`);
      const workers = [0, 1].map(() => worker(config, ['--every', '1h', '--lease', '3s']));
      // (Until a worker has made the store's tables, there is nothing to count.)
      for (let t = 0; t < 600 && (await storeFacts(url).catch(() => ({ succeeded: 0 }))).succeeded < 8; t++) await new Promise((d) => setTimeout(d, 100));
      for (const w of workers) w.kill('SIGTERM');
      expect(await Promise.all(workers.map(exited))).toEqual([0, 0]);
      expect((await storeFacts(url)).succeeded).toBe(8);
      expect([...requests].filter(([, n]) => n > 1)).toEqual([]);
      expect(requests.size).toBe(8);
    } finally {
      await new Promise((d) => server.close(d));
      await ws.cleanup();
    }
  }, 120_000);

  it('finishes the sources of a worker killed mid-run once its claims end, and stops cleanly on SIGTERM', async () => {
    const { config, url, cleanup } = await setUp();
    try {
      const workers = Array.from({ length: 4 }, () => worker(config, ['--every', '1h', '--lease', '30s']));
      // Kill one as soon as it has recorded a few sources.
      const victim = workers[0]!;
      await new Promise<void>((done) => {
        const check = setInterval(() => {
          if (hosts.reduce((n, h) => n + h.requests.size, 0) > SOURCES / 10) {
            clearInterval(check);
            done();
          }
        }, 20);
      });
      // Frozen first, so what it holds is counted before anything changes it: stopped, it is still
      // alive to the others, whose sweep would otherwise hand its claims back before they are counted.
      victim.kill('SIGSTOP');
      // What the killed worker held: sources in flight, fetched but not yet recorded, or claimed and not started.
      const held = await (async () => {
        const c = new pg.Client(url);
        await c.connect();
        const r = await c.query<{ url: string }>('SELECT url FROM sources WHERE lease_owner LIKE $1', [`%:${victim.pid}:%`]);
        await c.end();
        return new Set(r.rows.map((row) => new URL(row.url).pathname));
      })();
      victim.kill('SIGKILL');
      await exited(victim);
      for (let t = 0; t < 1500 && (await storeFacts(url)).succeeded < SOURCES; t++) await new Promise((d) => setTimeout(d, 100));
      const survivors = workers.slice(1);
      for (const w of survivors) w.kill('SIGTERM');
      expect(await Promise.all(survivors.map(exited))).toEqual([0, 0, 0]);
      const facts = await storeFacts(url);
      expect(facts).toMatchObject({ succeeded: SOURCES, duplicated: 0, items: SOURCES * 3 + HOSTS * 5 });
      expect(Math.max(...hosts.map((h) => h.peak))).toBeLessThanOrEqual(PER_HOST);
      // Only what the killed worker held was asked for twice. Claims live 30 s: a live worker's source
      // can wait for a host slot past a 10 s lease on a loaded 2-core machine (seen in CI: asked again by
      // another worker). The killed worker's claims and host slots go back at the others' next sweep, not
      // at expiry: held till then, its slots stalled every fetch of their host, and the claims of those
      // sources ran out (seen in CI, and here under load: asked twice 30 s after the kill).
      const twice = hosts.flatMap((h) => [...h.requests].filter(([, n]) => n > 1).map(([path]) => path));
      if (process.env.WORKER_DEBUG) console.log({ held: held.size, twice: twice.length });
      expect(twice.filter((path) => !held.has(path))).toEqual([]);
    } finally {
      await cleanup();
    }
  }, 180_000);
});
