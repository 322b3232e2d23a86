import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { LIMITS } from '../src/content/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { allItems } from './helpers/store.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/**
 * Issue 25 #4: one 3.2-million-character title (in a feed under the 10 MB cap) took minutes and
 * gigabytes to store, and made every later build die in the search indexer; huge bodies made 95 MB
 * output feeds. What one item carries is cut at ingest, what an output feed carries is capped, and the
 * report says what was cut.
 */
describe('an item far larger than any article', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

  beforeAll(async () => {
    // Each feed under the 10 MB cap: a 3.2-million-character title (9.6 MB), and bodies of 3 million characters.
    const title = [
      { title: `巨${'长'.repeat(3_200_000)}`, guid: 'huge', link: 'https://e.test/huge', pubDate: 'Tue, 01 Dec 2026 08:00:00 GMT', description: '<p>正文</p>' },
      { title: '正常条目', guid: 'ok', link: 'https://e.test/ok', pubDate: 'Tue, 01 Dec 2026 06:00:00 GMT', description: '<p>短正文</p>' },
    ];
    const bodies = Array.from({ length: 3 }, (_, k) => ({ title: `大正文 ${k}`, guid: `big${k}`, link: `https://e.test/big${k}`, pubDate: 'Tue, 01 Dec 2026 07:00:00 GMT', description: `<p>${'word '.repeat(600_000)}</p>` }));
    srv = await startFeedServer({
      '/title': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('大', title)),
      '/bodies': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('大', bodies)),
    });
    ws = await tempDir('broadsheet-oversized-');
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('is cut to the limits when stored, said in the report, and keeps the outputs small', async () => {
    const config = await writeConfig(ws.dir, `rsshub:\n  instance: ${srv.url}\nsources:\n  - route: /title\n    category: 测试\n    site: 大\n    channel: 标题\n  - route: /bodies\n    category: 测试\n    site: 大\n    channel: 正文\nhexo:\n  posts: posts\nstore:\n  path: state.db\nsite:\n  out: public\n  url: https://news.test/\n`);
    const io = captureIo(ws.dir);
    expect(await main(['run', '-c', config], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/\/title: 1 item cut to the limits \(title\), such as "巨长长/);
    expect(io.stdout.join('\n')).toMatch(/\/bodies: 3 items cut to the limits \(body\), such as "大正文/);
    const store = openSqliteStore(join(ws.dir, 'state.db'));
    const items = await allItems(store);
    await store.close();
    expect(items).toHaveLength(5);
    for (const i of items) {
      expect(i.title.length).toBeLessThanOrEqual(LIMITS.titleChars + 1);
      expect(i.html.length).toBeLessThan(LIMITS.bodyChars * 1.1);
    }
    // Output feeds: 50 items at most, each at most 100,000 characters of HTML.
    for (const feed of ['atom.xml', 'rss.xml', 'feed.json']) expect(statSync(join(ws.dir, 'public', feed)).size, feed).toBeLessThan(2_000_000);
    expect(readFileSync(join(ws.dir, 'public/feed.json'), 'utf8')).toContain('全文见网站');
    // The search index holds the cut text, not millions of characters.
    expect(files(join(ws.dir, 'public/search')).reduce((n, f) => n + statSync(f).size, 0)).toBeLessThan(5_000_000);
  }, 120_000);
});
