import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { allItems } from './helpers/store.js';
import { sleep } from '../src/shared/index.js';
import { postsUnder } from './helpers/fixtures.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';
import { seededRandom } from './helpers/seed.js';

const random = seededRandom();

const SOURCES = 24;
const KILLS = 32;
let generation = 0;

/**
 * Generation g: items g … g+19 (so each run brings new ones), every body changes (so every run
 * rewrites every post: runs stay equally long), and item g+10's title changes (a rename).
 */
function itemsOf(source: number, g: number) {
  return Array.from({ length: 20 }, (_, k) => {
    const n = g + k;
    const edited = n === g + 10 ? `（第${g}版）` : '';
    return { title: `源${source} 条目${n}${edited}`, guid: `s${source}-${n}`, link: `https://news.test/${source}/${n}`, pubDate: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toUTCString(), description: `<p>${'正文'.repeat(50)} ${n}${edited} 第${g}轮</p>` };
  });
}

describe('a run killed at any moment', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let config: string;

  beforeAll(async () => {
    const routes = Object.fromEntries(
      Array.from({ length: SOURCES }, (_, s) => [`/s${s}`, async (_req: unknown, res: import('node:http').ServerResponse) => {
        await sleep(random() * 40);
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(`源${s}`, itemsOf(s, generation)));
      }]),
    );
    srv = await startFeedServer(routes);
    ws = await tempDir();
    const sources = Array.from({ length: SOURCES }, (_, s) => `  - route: /s${s}\n    category: 测试\n    site: 源${s}\n    channel: 全部\n`).join('');
    config = await writeConfig(ws.dir, `rsshub:\n  instance: ${srv.url}\nfetch: { concurrency: 8, perHost: 8 }\nsources:\n${sources}hexo:\n  posts: posts\nstore:\n  path: state.db\nretention:\n  perSource: 30\n`);
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  /** The killed run: a child process, SIGKILLed after `ms` unless it finished first. Resolves whether it was killed. */
  function killedRun(ms: number, args = () => ['run', '-q', '--force']): Promise<boolean> {
    return new Promise((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', resolve('test/helpers/cli-entry.ts'), ...args(), '-c', config], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('exit', (_code, signal) => {
        clearTimeout(timer);
        done(signal === 'SIGKILL');
      });
    });
  }

  async function check(g: number): Promise<void> {
    const db = new Database(join(ws.dir, 'state.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const io = captureIo(ws.dir);
    expect(await main(['run', '-c', config, '-q', '--force'], io)).toBe(0);
    const store = openSqliteStore(join(ws.dir, 'state.db'));
    const [items, posts] = [await allItems(store), await store.outputs('hexo').list()];
    await store.close();
    // Nothing missing: every item served now is stored, with its current title; nothing twice.
    const titles = items.map((i) => i.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (let s = 0; s < SOURCES; s++) for (const it of itemsOf(s, g)) expect(titles).toContain(it.title);
    // The posts folder is exactly the manifest, one post per stored item, no leftovers.
    const onDisk = postsUnder(join(ws.dir, 'posts'));
    expect(onDisk).toEqual(posts.map((p) => p.relPath).sort());
    expect(posts.map((p) => p.itemId).sort()).toEqual(items.map((i) => i.id).sort());
    for (const p of posts.slice(0, 50)) expect(readFileSync(join(ws.dir, 'posts', p.relPath), 'utf8')).toContain('comments: false');
  }

  it(`recovers from ${KILLS} SIGKILLs during fetch, transactions and post writing`, async () => {
    // How long starting takes and how long a whole run takes here, so kills land across the work itself.
    let t0 = Date.now();
    await killedRun(60_000, () => ['check']);
    const startup = Date.now() - t0;
    t0 = Date.now();
    await killedRun(60_000);
    const full = Date.now() - t0;
    await check(generation);
    let interrupted = 0;
    for (let attempt = 0; interrupted < KILLS && attempt < KILLS * 3; attempt++) {
      generation++;
      if (await killedRun(startup * 0.8 + random() * (full - startup * 0.8) * 0.9)) interrupted++;
      await check(generation);
    }
    console.log(`crash safety: ${interrupted} runs killed between ${Math.round(startup * 0.8)} and ${full} ms (start-up ${startup} ms), each followed by a clean run`);
    expect(interrupted).toBe(KILLS);
    expect(existsSync(join(ws.dir, 'state.db'))).toBe(true);
  }, 600_000);
});
