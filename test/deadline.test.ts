import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/**
 * Issue 20: with many routes timing out, a scheduled run passed the job's time limit and was killed
 * before the store was saved, so every later run hung the same way. `run --deadline` starts no source
 * after it, and still records what was fetched and builds the outputs.
 */
describe('run --deadline', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let config = '';
  const asked: string[] = [];

  beforeAll(async () => {
    srv = await startFeedServer({
      '/': async (req, res) => {
        const route = new URL(req.url ?? '/', 'http://x').pathname;
        asked.push(route);
        // Every answer takes 2 s: one source at a time, the 1 s deadline passes during the first.
        await new Promise((done) => setTimeout(done, 2000));
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(route, [{ title: `${route} 新闻`, guid: `${route}/1`, link: `https://news.test${route}/1`, pubDate: 'Tue, 01 Dec 2026 08:00:00 GMT', description: '<p>正文</p>' }]));
      },
    });
    ws = await tempDir('broadsheet-deadline-');
    config = await writeConfig(
      ws.dir,
      `rsshub:\n  instance: ${srv.url}\nfetch: { concurrency: 1, perHost: 1 }\nsources:\n` +
        ['/r1', '/r2', '/r3'].map((r) => `  - route: ${r}\n    category: 新闻\n    site: 站${r.slice(2)}\n    channel: 全部\n`).join('') +
        `hexo:\n  posts: posts\nstore:\n  path: state.db\nsite:\n  out: public\n  url: http://127.0.0.1/\n`,
    );
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  const run = async (...args: string[]) => {
    const io = captureIo(ws.dir);
    const code = await main(['run', '-q', '-c', config, ...args], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  it('starts no source after the deadline, still stores and publishes what came, and takes the rest first next time', async () => {
    const first = await run('--deadline', '1s');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/\/r1 +站1 \/ 全部 +1 +1 +ok/);
    expect(first.out).toMatch(/\/r2 +站2 \/ 全部 +0 +0 +not started/);
    expect(first.out).toMatch(/2 sources not started before the run was stopped \(--deadline or a signal\): they go first next run/);
    expect(first.out).toMatch(/posts: 1 new/);
    expect(existsSync(join(ws.dir, 'public/index.html'))).toBe(true);
    expect(asked).toEqual(['/r1']);

    // The sources left over go first; the one just fetched waits.
    const second = await run('--deadline', '1s', '--json');
    const report = JSON.parse(second.out) as { sources: Array<{ id: string; status: string; notStarted: boolean }> };
    expect(report.sources.map((x) => [x.id, x.status, x.notStarted])).toEqual([['/r1', 'skipped', true], ['/r2', 'ok', false], ['/r3', 'skipped', true]]);
    expect((await run()).code).toBe(0);
    expect(asked).toEqual(['/r1', '/r2', '/r3', '/r1', '/r2']);
  }, 60_000);

  it('refuses a deadline that is not a duration, naming it', async () => {
    const r = await run('--deadline', 'soon');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--deadline soon is not a duration \(20m, 90s, 1\.5h\)/);
  });
});
