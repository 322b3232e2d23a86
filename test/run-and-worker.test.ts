import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { noteMissingPostgres, postgresAvailable, startPostgres, type PgCluster } from './helpers/postgres.js';
import { rssFeed } from './helpers/rss.js';
import { tempDir, writeConfig } from './helpers/workspace.js';

const ENTRY = resolve('test/helpers/cli-entry.ts');
const SOURCES = 16;
const available = postgresAvailable();
if (!available) noteMissingPostgres();

/** The CLI in its own process: its exit code and output. */
const cli = (args: string[]): Promise<{ code: number | null; out: string }> =>
  new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => done({ code, out }));
  });

/** Issue 25 #8: a `worker` and a `run` on the same sources never fetch one source twice at once, on either engine. */
describe('a worker and a run on the same store', () => {
  let feeds: FeedServer;
  let cluster: PgCluster | null = null;
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  const asked = new Map<string, number>();

  beforeAll(async () => {
    feeds = await startFeedServer({
      '/': async (req, res) => {
        const route = new URL(req.url ?? '/', 'http://x').pathname;
        inFlight.set(route, (inFlight.get(route) ?? 0) + 1);
        peak.set(route, Math.max(peak.get(route) ?? 0, inFlight.get(route)!));
        asked.set(route, (asked.get(route) ?? 0) + 1);
        await new Promise((done) => setTimeout(done, 300));
        inFlight.set(route, inFlight.get(route)! - 1);
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(route, [{ title: `${route} 新闻`, guid: `${route}/1`, link: `https://news.test${route}/1` }]));
      },
    });
    if (available) cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await feeds?.close();
    await cluster?.stop();
  });

  const engines = [{ name: 'SQLite', store: async () => 'path: state.db' }, ...(available ? [{ name: 'PostgreSQL', store: async () => `url: ${await cluster!.newDatabase()}` }] : [])];

  it.each(engines)('never fetches a source twice at once ($name)', async ({ name, store }) => {
    const ws = await tempDir();
    try {
      const prefix = `/${name.toLowerCase()}`;
      const sources = Array.from({ length: SOURCES }, (_, i) => `  - route: ${prefix}/${i}\n    category: 测试\n    site: 站${i}\n    channel: 全部\n`).join('');
      const config = await writeConfig(ws.dir, `rsshub:\n  instance: ${feeds.url}\nfetch: { concurrency: 4, perHost: 4 }\nsources:\n${sources}hexo:\n  posts: posts\nstore:\n  ${await store()}\n`);
      // Both start together: the worker claims sources, the run claims the others.
      const [worker, run] = await Promise.all([cli(['worker', '--once', '-c', config]), cli(['run', '-q', '-c', config])]);
      expect({ worker: worker.code, run: run.code }, worker.out + run.out).toEqual({ worker: 0, run: 0 });
      const routes = [...asked.keys()].filter((r) => r.startsWith(`${prefix}/`));
      expect(routes).toHaveLength(SOURCES);
      expect(routes.map((r) => [r, peak.get(r)])).toEqual(routes.map((r) => [r, 1]));
      // One after the other is allowed: a run fetches every configured source, even one a worker just fetched.
      expect(routes.every((r) => asked.get(r)! <= 2)).toBe(true);
    } finally {
      await ws.cleanup();
    }
  }, 120_000);
});
