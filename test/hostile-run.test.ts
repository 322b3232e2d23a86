import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

const rss = (items: string, prolog = '') => `<?xml version="1.0"?>${prolog}<rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;

/** Issue 13, groups 1–3 in a real run: each hostile document beside a healthy source costs only its own source. */
const VECTORS: Record<string, string> = {
  '/entities': rss(Array.from({ length: 600 }, (_, i) => `<item><title>${i}</title><guid>${i}</guid><description>${'&big;'.repeat(5000)}</description></item>`).join(''), `<!DOCTYPE rss [<!ENTITY big "${'x'.repeat(15_000)}">]>`),
  '/nested': rss(`<item><title>deep</title><guid>1</guid><description>${'<a xmlns:x="urn:x">'.repeat(100_000)}${'</a>'.repeat(100_000)}</description></item>`),
  '/deep-html': rss(`<item><title>deep</title><guid>1</guid><description>${'&lt;b&gt;'.repeat(200_000)}x</description></item>`),
  '/prolog': `<!DOCTYPE rss ${'[a]'.repeat(40)}`,
  '/authors': rss(`<item><title>t</title><guid>1</guid><author>${'(a@a'.repeat(6000)}</author></item>`),
};

describe('a run with hostile feeds beside a healthy one', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let feeds: FeedServer;
  let report: { sources: Array<{ id: string; status: string; new: number; error: { code: string } | null }> };

  beforeAll(async () => {
    ws = await tempDir('broadsheet-hostile-run-');
    const healthy = rssFeed('好', [0, 1, 2].map((k) => ({ title: `正常新闻 ${k}`, guid: `ok/${k}`, link: `https://example.com/ok/${k}`, pubDate: new Date(Date.UTC(2026, 10, 1, k)).toUTCString(), description: `<p>正文 ${k}</p>` })));
    feeds = await startFeedServer({
      '/healthy': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(healthy),
      ...Object.fromEntries(Object.entries(VECTORS).map(([route, body]) => [route, (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body)])),
    });
    const routes = ['/healthy', ...Object.keys(VECTORS)];
    const config = await writeConfig(ws.dir, `rsshub:\n  instance: ${feeds.url}\nfetch: { timeout: 20s, retries: 0, maxBytes: 50MB }\nsources:\n${routes.map((r) => `  - route: ${r}\n    category: 测试\n    site: ${r.slice(1)}\n    channel: 全部\n`).join('')}hexo:\n  posts: posts\nstore:\n  path: state.db\n`);
    const io = captureIo(ws.dir);
    // Bounded by this hook's time limit: a source that never ended would fail it.
    expect(await main(['run', '-q', '--json', '-c', config], io)).toBe(0);
    report = JSON.parse(io.stdout.join('\n'));
  }, 120_000);
  afterAll(async () => {
    await feeds?.close();
    await ws?.cleanup();
  });

  it('writes the healthy source\'s posts and fails each hostile one with a clear code', () => {
    const by = new Map(report.sources.map((s) => [s.id, s]));
    expect(by.get('/healthy')).toMatchObject({ status: 'ok', new: 3 });
    expect(readdirSync(join(ws.dir, 'posts/测试/healthy/全部')).sort()).toEqual(['正常新闻 0.md', '正常新闻 1.md', '正常新闻 2.md']);
    expect([by.get('/entities')?.error?.code, by.get('/nested')?.error?.code, by.get('/deep-html')?.error?.code]).toEqual(['feed.too-complex', 'feed.too-complex', 'feed.too-complex']);
    expect(by.get('/prolog')?.error?.code).toBe('feed.unrecognized');
    // A hostile author is read at once (it used to take seconds to forever).
    expect(by.get('/authors')).toMatchObject({ status: 'ok', new: 1 });
  });
});
