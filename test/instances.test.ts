import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { noteMissingPostgres, postgresAvailable, startPostgres } from './helpers/postgres.js';
import type { Handler } from './helpers/feed-server.js';
import { startFeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/**
 * Issue 24: several RSSHub instances. A route goes to the first instance that is well; an instance
 * that fails rests (its breaker in the store) and its routes go to the next; a route sticks to the
 * instance that served it; an instance that is down is said once.
 */

const ROUTES = ['/news/1', '/news/2', '/news/3', '/news/4', '/news/5'];
const T0 = Date.parse('2026-12-05T06:00:00Z');
const minutes = (n: number): Date => new Date(T0 + n * 60_000);

/** What RSSHub serves for a route: one story of its own, the same on every instance, cached for an hour. */
const feed: Handler = (req, res) => {
  const n = /\/news\/(\d+)/.exec(req.url ?? '')![1]!;
  const xml = rssFeed(`新闻 ${n}`, [{ title: `第 ${n} 条`, link: `https://news.test/${n}`, guid: n }]).replace('<channel>', '<channel>\n    <ttl>60</ttl>');
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(xml);
};

/** The ways a public instance fails its readers. */
const FAILURES: Record<string, { handler: Handler; trips: number; restsMinutes: number; code: string }> = {
  '503 (this path is currently fetching)': {
    handler: (_q, res) => void res.writeHead(503, { 'content-type': 'text/html' }).end('<p>This path is currently fetching, please come back later!</p>'),
    trips: 3, restsMinutes: 10, code: 'fetch.http',
  },
  '429 with Retry-After: 3600': {
    handler: (_q, res) => void res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '3600' }).end('Too Many Requests'),
    trips: 1, restsMinutes: 60, code: 'fetch.http',
  },
  'a challenge page (200, HTML)': {
    handler: (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>'),
    trips: 1, restsMinutes: 30, code: 'feed.unrecognized',
  },
  'a timeout': {
    handler: () => undefined,
    trips: 3, restsMinutes: 10, code: 'fetch.timeout',
  },
};

interface Report { sources: Array<{ id: string; status: string; servedBy: string | null; fresh: boolean; instancesResting: boolean; new: number }>; instances: Array<{ url: string; failures: number; openUntil: string | null; served: number; lastError: { code: string } | null }> }

async function workspace(instances: string[], mode: { a: Handler; b?: Handler }) {
  const handlers = { a: mode.a, b: mode.b ?? feed };
  const servers = await Promise.all(['a', 'b'].map((k) => startFeedServer({ '/news/': (q, r) => handlers[k as 'a' | 'b'](q, r) })));
  const ws = await tempDir();
  const urls = { a: servers[0]!.url, b: servers[1]!.url };
  const list = instances.map((k) => `    - ${urls[k as 'a' | 'b']}\n`).join('');
  const sources = ROUTES.map((r) => `  - route: ${r}\n    category: 新闻\n    site: 站\n    channel: 频道${r.slice(-1)}\n`).join('');
  const config = await writeConfig(ws.dir, `rsshub:\n  instances:\n${list}fetch: { retries: 0, concurrency: 1, timeout: 1s }\nsources:\n${sources}hexo:\n  posts: posts\nstore:\n  path: state.db\n`);
  const asked = (k: 'a' | 'b') => servers[k === 'a' ? 0 : 1]!.requests.length;
  const cli = async (at: Date, ...args: string[]) => {
    const io = { ...captureIo(ws.dir), now: () => at };
    const code = await main([...args, '-c', config], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  const run = async (at: Date) => {
    const r = await cli(at, 'run', '--json');
    return { code: r.code, report: JSON.parse(r.out) as Report };
  };
  return {
    urls, handlers, asked, cli, run,
    close: async () => { await Promise.all(servers.map((s) => s.close())); await ws.cleanup(); },
  };
}

describe('several RSSHub instances', () => {
  for (const [name, failure] of Object.entries(FAILURES)) {
    it(`goes to the second instance while the first answers ${name}, rests the first, keeps each route where it was served, and comes back later`, async () => {
      const w = await workspace(['a', 'b'], { a: failure.handler });
      try {
        // The first run: every route served by the second; the first asked only until it tripped.
        const first = await w.run(minutes(0));
        expect(first.code).toBe(0);
        expect(first.report.sources.map((s) => [s.status, s.servedBy])).toEqual(ROUTES.map(() => ['ok', w.urls.b]));
        expect(first.report.sources.reduce((n, s) => n + s.new, 0)).toBe(ROUTES.length);
        expect(w.asked('a')).toBe(failure.trips);
        expect(w.asked('b')).toBe(ROUTES.length);
        const a = first.report.instances.find((i) => i.url === w.urls.a)!;
        expect(a).toMatchObject({ failures: failure.trips, served: 0, lastError: { code: failure.code } });
        expect(Date.parse(a.openUntil!)).toBe(minutes(failure.restsMinutes).getTime());
        expect(first.report.instances.find((i) => i.url === w.urls.b)).toMatchObject({ failures: 0, openUntil: null, served: ROUTES.length });

        // `status` says which instance served each route, and that the first rests, once.
        const status = await w.cli(minutes(1), 'status');
        expect(status.out).toContain('served by');
        expect(status.out.split(new URL(w.urls.b).host).length - 1).toBe(ROUTES.length + 1);
        expect(status.out.match(/resting until/g)).toHaveLength(1);
        expect(status.out).toContain(`RSSHub instance ${w.urls.a}: resting until ${minutes(failure.restsMinutes).toISOString().slice(0, 16).replace('T', ' ')}Z after ${failure.trips} failures in a row`);

        // Within the feeds' ttl (60 minutes) nothing is asked of anyone.
        const second = await w.run(minutes(5));
        expect(second.report.sources.every((s) => s.status === 'skipped' && s.fresh)).toBe(true);
        expect([w.asked('a'), w.asked('b')]).toEqual([failure.trips, ROUTES.length]);

        // Two hours on the first is well and the second fails: each route tries the second (where it was
        // served) first, then the first again, which serves the same stories (nothing new, nothing twice).
        w.handlers.a = feed;
        w.handlers.b = FAILURES['503 (this path is currently fetching)']!.handler;
        const third = await w.run(minutes(120));
        expect(third.code).toBe(0);
        expect(third.report.sources.map((s) => [s.status, s.servedBy])).toEqual(ROUTES.map(() => ['ok', w.urls.a]));
        expect(third.report.sources.reduce((n, s) => n + s.new, 0)).toBe(0);
        expect(w.asked('a')).toBe(failure.trips + ROUTES.length);
        // The second tripped after three 503s; the last two routes went straight to the first.
        expect(w.asked('b')).toBe(ROUTES.length + 3);
      } finally {
        await w.close();
      }
    }, 30_000);
  }

  it('with one instance down, says so once and lets its routes wait (not failures of theirs)', async () => {
    const w = await workspace(['a'], { a: FAILURES['503 (this path is currently fetching)']!.handler });
    try {
      const r = await w.cli(minutes(0), 'run');
      const lines = r.out.split('\n');
      expect(lines.filter((l) => l.startsWith('RSSHub instance'))).toEqual([
        `RSSHub instance ${w.urls.a} rests until 2026-12-05 06:10Z after 3 failures in a row (fetch.http 503: HTTP 503 Service Unavailable from ${w.urls.a}/news/3); its routes wait for it`,
      ]);
      expect(lines.filter((l) => l.includes('waiting: every instance rests until 2026-12-05 06:10Z'))).toHaveLength(2);
      expect(w.asked('a')).toBe(3);
      const status = JSON.parse((await w.cli(minutes(1), 'status', '--json')).out) as Array<{ sourceId: string; consecutiveFailures: number }>;
      expect(status.map((s) => s.consecutiveFailures)).toEqual([1, 1, 1, 0, 0]);
      // Once it has rested, it is asked again.
      w.handlers.a = feed;
      const again = await w.run(minutes(11));
      expect(again.report.sources.filter((s) => s.status === 'ok').map((s) => s.id)).toEqual(ROUTES.slice(3));
      expect(w.asked('a')).toBe(5);
    } finally {
      await w.close();
    }
  }, 30_000);
});

const available = postgresAvailable();
if (!available) noteMissingPostgres();

/** A `worker --once` from source in its own process; resolves with its exit code and what it printed. */
const worker = (config: string): Promise<{ code: number | null; out: string }> =>
  new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('test/helpers/cli-entry.ts'), 'worker', '--once', '--every', '1h', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => done({ code, out }));
  });

describe.skipIf(!available)('RSSHub instances with workers on PostgreSQL', () => {
  it('one worker trips the first instance; workers started after it never ask it, reading its rest from the store', async () => {
    const cluster = await startPostgres();
    const [a, b] = await Promise.all([startFeedServer({ '/news/': FAILURES['503 (this path is currently fetching)']!.handler }), startFeedServer({ '/news/': feed })]);
    const ws = await tempDir();
    try {
      const url = await cluster.newDatabase();
      const routes = (n: number) => Array.from({ length: n }, (_, k) => `  - route: /news/${k + 1}\n    category: 新闻\n    site: 站\n    channel: 频道${k + 1}\n`).join('');
      const yaml = (n: number, concurrency: number) => `rsshub:\n  instances: [${a!.url}, ${b!.url}]\nfetch: { retries: 0, concurrency: ${concurrency} }\nstore:\n  url: ${url}\nsources:\n${routes(n)}`;
      const first = await writeConfig(ws.dir, yaml(10, 1), 'first.yml');
      const all = await writeConfig(ws.dir, yaml(40, 4), 'all.yml');
      expect((await worker(first)).code).toBe(0);
      expect(a!.requests).toHaveLength(3);
      const later = await Promise.all([worker(all), worker(all)]);
      expect(later.map((w) => w.code)).toEqual([0, 0]);
      // Between them the thirty not yet fetched (which worker took how many is the machine's timing: one started late may find none).
      const fetched = later.map((w) => /: (\d+) sources fetched, 0 failed/.exec(w.out)?.[1]);
      expect(fetched.reduce((sum, n) => sum + Number(n), 0)).toBe(30);
      expect(a!.requests).toHaveLength(3);
      expect(b!.requests).toHaveLength(40);
      const c = new pg.Client(url);
      await c.connect();
      try {
        const served = await c.query('SELECT served_by AS "servedBy", count(*)::int AS n FROM sources GROUP BY 1');
        expect(served.rows).toEqual([{ servedBy: b!.url, n: 40 }]);
        const health = await c.query('SELECT url, failures FROM rsshub_instances WHERE open_until IS NOT NULL');
        expect(health.rows).toEqual([{ url: a!.url, failures: 3 }]);
      } finally {
        await c.end();
      }
    } finally {
      await Promise.all([a!.close(), b!.close()]);
      await ws.cleanup();
      cluster.stop();
    }
  }, 120_000);
});
