import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { allItems } from './helpers/store.js';
import { postsUnder } from './helpers/fixtures.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

const DAY = 86_400_000;
const T0 = new Date('2026-12-05T00:00:00Z');
/** Item k of a feed, dated a year before the first run (a slow blog's back catalogue). */
const old = (feed: string, k: number) => ({ title: `${feed} 旧文 ${k}`, guid: `${feed}/${k}`, link: `https://blog.test/${feed}/${k}`, pubDate: new Date(T0.getTime() - 365 * DAY + k * 3_600_000).toUTCString(), description: `<p>正文 ${k}</p>` });

/**
 * Issue 20: `retention.days: 90` pruned by the item's own date, so on the first run a slow blog lost
 * every item, and a raised limit never brought pruned items back.
 */
describe('retention, as the starter config sets it', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let config = '';
  /** What each feed serves now, newest first. */
  const serving: Record<string, number[]> = {};
  const runAt = async (at: Date) => {
    const io = { ...captureIo(ws.dir), now: () => at };
    expect(await main(['run', '-q', '-c', config], io)).toBe(0);
    const s = openSqliteStore(join(ws.dir, 'state.db'));
    const items = await allItems(s);
    await s.close();
    return { items, titles: (feed: string) => items.filter((i) => i.title.startsWith(`${feed} `)).map((i) => i.title).sort(), out: io.stdout.join('\n') };
  };

  beforeAll(async () => {
    srv = await startFeedServer({
      '/': (req, res) => {
        const feed = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(feed, serving[feed]!.map((k) => old(feed, k))));
      },
    });
    ws = await tempDir('broadsheet-retention-');
    serving.slow = Array.from({ length: 12 }, (_, i) => 12 - i);
    serving.busy = Array.from({ length: 10 }, (_, i) => 10 - i);
    config = await writeConfig(
      ws.dir,
      `rsshub:\n  instance: ${srv.url}\nfetch: { items: 10 }\nsources:\n` +
        ['slow', 'busy'].map((r) => `  - route: /${r}\n    category: 博客\n    site: ${r}\n    channel: 全部\n`).join('') +
        `hexo:\n  posts: posts\nstore:\n  path: state.db\nsite:\n  out: public\n  url: http://127.0.0.1/\nretention:\n  days: 90\n`,
    );
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('keeps a source\'s newest items while its feed lists them, whatever their date, and lets pruned items return when the limit is raised', async () => {
    // First run: everything is a year old by its date, and all of it is kept (age counts from the first sighting).
    let r = await runAt(T0);
    expect(r.titles('slow')).toHaveLength(10);
    expect(r.titles('busy')).toHaveLength(10);

    // 100 days on: the slow blog lists the same items and keeps all ten; the busy one moved on by ten.
    serving.busy = Array.from({ length: 20 }, (_, i) => 20 - i);
    r = await runAt(new Date(T0.getTime() + 100 * DAY));
    expect(r.titles('slow')).toHaveLength(10);
    expect(r.titles('busy')).toEqual(Array.from({ length: 10 }, (_, i) => `busy 旧文 ${i + 11}`).sort());
    expect(r.out).toMatch(/10 items pruned by retention/);
    const posts = postsUnder(join(ws.dir, 'posts'));
    expect(posts.filter((p) => p.startsWith('博客/slow/'))).toHaveLength(10);
    expect(posts.filter((p) => p.startsWith('博客/busy/'))).toHaveLength(10);

    // The limit raised to 20: the busy feed's older ten are listed again and return, first seen on the first run.
    writeFileSync(config, readFileSync(config, 'utf8').replace('fetch: { items: 10 }', 'fetch: { items: 20 }'));
    r = await runAt(new Date(T0.getTime() + 101 * DAY));
    expect(r.titles('busy')).toHaveLength(20);
    expect(r.items.find((i) => i.title === 'busy 旧文 1')!.firstSeenAt).toBe(T0.toISOString());
    expect(r.titles('slow')).toHaveLength(12);
    expect(postsUnder(join(ws.dir, 'posts')).filter((p) => p.startsWith('博客/busy/'))).toHaveLength(20);
    expect(readFileSync(join(ws.dir, 'public/categories/博客/busy/index.html'), 'utf8')).toContain('20');
  });
});
