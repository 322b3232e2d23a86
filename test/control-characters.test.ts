import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { parseFeed as feedsmith } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/**
 * Issue 25 #5, #6: a control character in a title ended up raw inside CDATA in the output feeds (readers
 * reject the whole feed), printed raw to the terminal; a U+202E stayed in titles and post file names.
 */
describe('characters XML forbids and bidi controls', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let raw: Server;
  const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

  beforeAll(async () => {
    // Character references for what XML forbids (a lenient parser takes them), and raw bidi controls.
    const title = '要闻&#x1;发布 &#x1B;[31m红字 &#xFFFE;结束 evil\u202Egpj.md';
    const body = '<p>正文&#x7;含有控制字符 &#x1B;[2J</p>';
    srv = await startFeedServer({
      '/bad': (_req, res) =>
        void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(
          `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>坏</title><item><title>${title}</title><guid>b1</guid><link>https://e.test/b1</link>` +
            `<author>编辑\u202E&#x8;</author><category>分类&#x1;</category><description><![CDATA[${body}]]></description><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item></channel></rss>`,
        ),
    });
    // A failing server whose reason phrase carries an escape sequence for the terminal (Node's own server refuses to send one).
    raw = createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 500 Bad \u001b[2J\u001b[31m\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')));
    await new Promise<void>((done) => raw.listen(0, '127.0.0.1', done));
    ws = await tempDir('broadsheet-controls-');
  });
  afterAll(async () => {
    await srv?.close();
    await new Promise((done) => raw?.close(done));
    await ws?.cleanup();
  });

  it('reaches no output feed, page, post, file name or terminal line', async () => {
    const config = await writeConfig(
      ws.dir,
      `rsshub:\n  instance: ${srv.url}\nfetch: { retries: 0 }\nsources:\n  - route: /bad\n    category: 新闻\n    site: 坏\n    channel: 全部\n  - url: http://127.0.0.1:${(raw.address() as AddressInfo).port}/fail\n    category: 新闻\n    site: 败\n    channel: 全部\nhexo:\n  posts: posts\nstore:\n  path: state.db\nsite:\n  out: public\n  url: https://news.test/\n`,
    );
    const io = captureIo(ws.dir);
    expect(await main(['run', '-c', config], io)).toBe(0);
    const printed = [...io.stdout, ...io.stderr].join('\n');
    expect(printed).toContain('HTTP 500');
    expect(printed).not.toMatch(/[\u001b\u009b]/);
    for (const rel of ['public/atom.xml', 'public/rss.xml', 'public/categories/新闻/atom.xml', 'public/categories/新闻/rss.xml']) {
      const xml = readFileSync(join(ws.dir, rel), 'utf8');
      expect(xml, rel).not.toMatch(FORBIDDEN);
      expect(xml, rel).toContain('要闻发布');
      const parsed = feedsmith(xml) as { feed: { items?: Array<{ title?: string }>; entries?: Array<{ title?: unknown }> } };
      expect((parsed.feed.items ?? parsed.feed.entries ?? []).length, rel).toBe(1);
    }
    const posts = readdirSync(join(ws.dir, 'posts/新闻/坏/全部'));
    expect(posts).toHaveLength(1);
    expect(posts[0]).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const post = readFileSync(join(ws.dir, 'posts/新闻/坏/全部', posts[0]!), 'utf8');
    expect(post).not.toMatch(FORBIDDEN);
    expect(post).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const pages = [...readdirSync(join(ws.dir, 'public/p')).map((f) => join('p', f)), 'status/index.html', 'status/status.json'].map((f) => readFileSync(join(ws.dir, 'public', f), 'utf8'));
    expect(pages.at(-1)).toContain('HTTP 500 Bad');
    for (const page of pages) expect(page).not.toMatch(FORBIDDEN);
  });

  it('refuses a control character in a configured name, naming the line', async () => {
    const config = await writeConfig(ws.dir, `sources:\n  - url: https://e.test/feed\n    category: "新\\u202E闻"\n    site: s\n    channel: c\n`, 'bad-name.yml');
    const io = captureIo(ws.dir);
    expect(await main(['check', '--offline', '-c', config], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/bad-name\.yml:3: sources\[0\]\.category: holds a control character/);
  });
});
