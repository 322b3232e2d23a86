import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/**
 * Issue 24: an RSSHub instance caches each route for its CACHE_EXPIRE (the feed's `<ttl>`, the
 * response's `max-age`): asking again sooner only fetches its cache. A run does not ask before then;
 * `--force` does.
 */
describe('schedules that respect the cache', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let config: string;
  const items = [{ title: '一条', link: 'https://e.test/1', guid: '1' }];
  const withTtl = (minutes: number) => rssFeed('有 ttl', items).replace('<channel>', `<channel>\n    <ttl>${minutes}</ttl>`);
  const asked = (path: string) => srv.requests.filter((r) => r.path.startsWith(path)).length;
  const run = async (...args: string[]) => {
    const io = captureIo(ws.dir);
    const code = await main(['run', '--json', ...args, '-c', config], io);
    return { code, report: JSON.parse(io.stdout.join('\n')) as { sources: Array<{ id: string; status: string; fresh: boolean; backingOff: boolean; nextAttemptAt?: string }> } };
  };

  beforeAll(async () => {
    srv = await startFeedServer({
      '/ttl/route': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(withTtl(120)),
      '/maxage/route': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'public, max-age=300' }).end(rssFeed('max-age', items)),
      '/week/route': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(withTtl(7 * 24 * 60)),
      '/plain/route': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'no-cache' }).end(rssFeed('plain', items)),
    });
    ws = await tempDir();
    const source = (route: string) => `  - route: ${route}\n    category: c\n    site: s\n    channel: ${route.split('/')[1]}\n`;
    config = await writeConfig(ws.dir, `rsshub:\n  instance: ${srv.url}\nsources:\n${['/ttl/route', '/maxage/route', '/week/route', '/plain/route'].map(source).join('')}hexo:\n  posts: posts\nstore:\n  path: state.db\n`);
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('asks a route again only after its ttl or max-age (at most 12 hours), and says so; --force asks anyway', async () => {
    const started = Date.now();
    expect((await run()).code).toBe(0);
    const second = await run();
    expect(second.code).toBe(0);
    const byId = new Map(second.report.sources.map((s) => [s.id, s]));
    for (const [id, minutes] of [['/ttl/route', 120], ['/maxage/route', 5], ['/week/route', 12 * 60]] as const) {
      expect(byId.get(id), id).toMatchObject({ status: 'skipped', fresh: true, backingOff: false });
      const until = Date.parse(byId.get(id)!.nextAttemptAt!);
      expect(until, id).toBeGreaterThanOrEqual(started + minutes * 60_000 - 1000);
      expect(until, id).toBeLessThanOrEqual(Date.now() + minutes * 60_000);
    }
    // A feed that says nothing (or no-cache) is asked every run.
    expect(['ok', 'not-modified']).toContain(byId.get('/plain/route')!.status);
    expect([asked('/ttl/'), asked('/maxage/'), asked('/week/'), asked('/plain/')]).toEqual([1, 1, 1, 2]);
    const io = captureIo(ws.dir);
    await main(['run', '-c', config], io);
    expect(io.stdout.join('\n')).toMatch(/fresh until \d{4}-\d\d-\d\d \d\d:\d\dZ/);
    expect(io.stdout.join('\n')).toContain("3 not due yet (their feeds' ttl or cache time; --force fetches them)");
    expect((await run('--force')).code).toBe(0);
    expect([asked('/ttl/'), asked('/maxage/'), asked('/week/')]).toEqual([2, 2, 2]);
  });
});
