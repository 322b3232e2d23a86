import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

const ENTRY = resolve('test/helpers/cli-entry.ts');
const SOURCES = 6;

/** The CLI in its own process, its output lines collected. */
function cli(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<number | null>; waitFor(re: RegExp, count?: number): Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  const take = (d: Buffer) => {
    lines.push(...String(d).split('\n').filter(Boolean));
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child, lines, exited,
    waitFor: async (re, count = 1) => {
      const deadline = Date.now() + 60_000;
      while (lines.filter((l) => re.test(l)).length < count) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never saw ${re} ×${count}:\n${lines.join('\n')}`);
        await new Promise<void>((done) => { waiters.push(done); setTimeout(done, 200); });
      }
    },
  };
}

describe('watch, and two runs on one store', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let feeds: FeedServer;
  let config = '';
  let delayMs = 100;
  let inFlight = 0;
  let maxInFlightPerRoute = 0;
  const perRoute = new Map<string, number>();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ws = await tempDir('broadsheet-watch-');
    let round = 0;
    feeds = await startFeedServer({
      '/': async (req, res) => {
        const route = new URL(req.url ?? '/', 'http://x').pathname;
        perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
        maxInFlightPerRoute = Math.max(maxInFlightPerRoute, perRoute.get(route)!);
        inFlight++;
        await new Promise((done) => setTimeout(done, delayMs));
        inFlight--;
        perRoute.set(route, perRoute.get(route)! - 1);
        round++;
        // Each answer has one item it always had and one new one.
        const items = [0, round].map((k) => ({ title: `${route} 条目 ${k}`, guid: `${route}/${k}`, link: `https://example.com${route}/${k}`, pubDate: new Date(Date.UTC(2026, 10, 1) + k * 60_000).toUTCString(), description: `<p>正文 ${k}</p>` }));
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('源', items));
      },
    });
    const sources = Array.from({ length: SOURCES }, (_, i) => `  - route: /feed/${i}\n    category: 新闻\n    site: 站点${i % 2}\n    channel: 频道${i}\n`).join('');
    config = await writeConfig(ws.dir, `rsshub:\n  instance: ${feeds.url}\nfetch: { concurrency: 2, perHost: 2, timeout: 20s, retries: 0 }\nsources:\n${sources}store:\n  path: state.db\nhexo:\n  posts: posts\nsite:\n  out: public\n  url: http://127.0.0.1:4000/\n`);
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await feeds?.close();
    await ws?.cleanup();
  });

  const integrity = () => {
    const db = new Database(join(ws.dir, 'state.db'), { readonly: true });
    try {
      return [db.pragma('integrity_check', { simple: true }), (db.prepare('SELECT count(*) AS n, count(DISTINCT link) AS links FROM items').get() as { n: number; links: number })];
    } finally {
      db.close();
    }
  };

  it('runs on schedule, a line per run, never two runs at once', async () => {
    delayMs = 100;
    const w = cli(['watch', '--every', '1s', '-c', config]);
    children.push(w.child);
    await w.waitFor(/watching every 1s/);
    await w.waitFor(/ run \d+: 6 sources, 0 failed/, 3);
    expect(maxInFlightPerRoute).toBe(1);
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
    expect(w.lines.at(-1)).toBe('stopped');
    const runs = w.lines.filter((l) => / run \d+:/.test(l)).map((l) => Number(/ run (\d+):/.exec(l)![1]));
    expect(runs.slice(0, 3)).toEqual([1, 2, 3]);
  }, 90_000);

  it('finishes the sources in flight on SIGTERM, leaves the store whole and the site complete', async () => {
    delayMs = 1500;
    const w = cli(['watch', '--every', '1h', '-c', config]);
    children.push(w.child);
    await w.waitFor(/watching/);
    while (inFlight === 0) await new Promise((done) => setTimeout(done, 20));
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(w.lines.join('\n')).toMatch(/stopping[\s\S]*run 1: 6 sources[\s\S]*stopped$/);
    const [check, counts] = integrity();
    expect(check).toBe('ok');
    expect((counts as { n: number; links: number }).n).toBe((counts as { n: number; links: number }).links);
    // The site was brought up to date before it stopped: a build now has nothing to write.
    delayMs = 0;
    const io = captureIo(ws.dir);
    expect(await main(['build', '-c', config], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^site: 0 new, 0 updated, \d+ unchanged, 0 removed files/);
    expect(existsSync(join(ws.dir, 'public/index.html'))).toBe(true);
  }, 90_000);

  it('says what it needs when the schedule is missing, doubled or not a schedule', async () => {
    for (const [args, message] of [
      [[], /watch needs one of --every <duration> \(such as 30m\) or --cron/],
      [['--every', '30m', '--cron', '0 * * * *'], /watch needs one of --every/],
      [['--every', 'soon'], /--every must be a duration of at least 1s such as 30m or 2h, got "soon"/],
      [['--cron', 'every day'], /--cron "every day" is not a cron expression/],
    ] as const) {
      const io = captureIo(ws.dir);
      expect(await main(['watch', ...args, '-c', config], io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
    }
  });

  it('lets only one of two runs on one store through, and tells the other why', async () => {
    delayMs = 800;
    const [a, b] = [cli(['run', '-q', '-c', config]), cli(['run', '-q', '-c', config])];
    children.push(a.child, b.child);
    const codes = (await Promise.all([a.exited, b.exited])).sort();
    expect(codes).toEqual([0, 1]);
    const loser = [a, b].find((x) => x.child.exitCode === 1)!;
    expect(loser.lines.join('\n')).toMatch(/another Broadsheet run \(process \d+ on .+, since .+\) is using this store; nothing was done/);
    const [check, counts] = integrity();
    expect(check).toBe('ok');
    expect((counts as { n: number; links: number }).n).toBe((counts as { n: number; links: number }).links);
    expect(readFileSync(join(ws.dir, 'public/index.html'), 'utf8')).toContain('条目');
  }, 90_000);
});
