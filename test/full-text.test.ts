import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { postsUnder } from './helpers/fixtures.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/**
 * Issue 22: many Chinese routes give only a title; `fullText` reads each new item's page and keeps the
 * article. On loopback: a page in GBK that says so only in its <meta>, lazy pictures, a selector, a
 * page that is gone and a link to a private address (neither fetched nor stored; the report says why).
 */
const BODY = '国家统计局今天发布数据，十月份社会消费品零售总额同比增长，市场销售保持恢复态势。'.repeat(6);
const article = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><nav>首页 | 新闻 | 财经 | 登录</nav><div class="ad">广告位招租</div>` +
  `<article><h1>${title}</h1><p>${body}</p><p><img data-original="/img/chart.png" src="/img/blank.gif" alt="图表"></p><p>${body}</p></article>` +
  `<footer>版权所有 © 2026 示例网</footer></body></html>`;

describe('the whole article (fullText)', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let config: string;
  const pageRequests = () => srv.requests.filter((r) => r.path.startsWith('/page/')).length;
  const run = async () => {
    const io = captureIo(ws.dir);
    const code = await main(['run', '--json', '-c', config], io);
    return { code, report: JSON.parse(io.stdout.join('\n')) as { sources: Array<{ id: string; url: string; fullText?: { read: number; unchanged: number; kept: Array<{ title: string; why: string }> } }> } };
  };
  // A feed that edits its entry's title, and a page that answers "not modified" to its own validator.
  let headline = '央行公开市场操作';
  let edition = 1;
  const posts = () => postsUnder(join(ws.dir, 'posts')).map((p) => readFileSync(join(ws.dir, 'posts', p), 'utf8'));

  beforeAll(async () => {
    srv = await startFeedServer({
      '/feed/titles': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('只有标题', [
        { title: '十月消费数据发布', link: `${srv.url}/page/gbk`, guid: 'a' },
        { title: '已删除的文章', link: `${srv.url}/page/gone`, guid: 'b' },
        { title: '内网文章', link: 'http://10.0.0.1/secret', guid: 'c' },
      ])),
      '/feed/selector': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('选择器', [{ title: '指定正文', link: `${srv.url}/page/main`, guid: 'd', description: '摘要两句。' }])),
      // GBK, declared only by the page itself (the header says nothing of a charset).
      '/page/gbk': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode(article('十月消费数据发布', BODY).replace('<head>', '<head><meta charset="gbk">'), 'gbk')),
      '/feed/edits': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('会改标题', [{ title: headline, link: `${srv.url}/page/edition`, guid: 'e' }])),
      '/page/edition': (q, res) => {
        const etag = `"v${edition}"`;
        if (q.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag }).end(article(headline, `第${edition}版：${BODY}`));
      },
      '/page/main': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><div id="side">侧栏推荐</div><div id="Main_Content_Val"><p>${BODY}</p></div></body></html>`),
    });
    ws = await tempDir();
    config = await writeConfig(ws.dir, `sources:\n  - url: ${srv.url}/feed/titles\n    category: 新闻\n    site: 示例网\n    channel: 财经\n    fullText: true\n  - url: ${srv.url}/feed/selector\n    category: 新闻\n    site: 示例网\n    channel: 要闻\n    fullText: "div#Main_Content_Val"\n  - url: ${srv.url}/feed/edits\n    category: 新闻\n    site: 示例网\n    channel: 快讯\n    fullText: true\nhexo:\n  posts: posts\nstore:\n  path: state.db\n`);
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('stores the article from each new item\'s page, keeps the feed\'s content where it cannot, and reads a page once', async () => {
    const first = await run();
    expect(first.code).toBe(0);
    const titles = first.report.sources.find((s) => s.url.endsWith('/feed/titles'))!.fullText!;
    expect(titles.read).toBe(1);
    expect(titles.kept.map((k) => [k.title, k.why.split(':')[0]])).toEqual([['已删除的文章', 'fetch.http'], ['内网文章', 'fetch.private-address']]);
    expect(first.report.sources.find((s) => s.url.endsWith('/feed/selector'))!.fullText).toEqual({ read: 1, unchanged: 0, kept: [] });
    const gbk = posts().find((p) => p.includes('十月消费数据发布'))!;
    // The article, decoded from GBK, without the page's navigation, ads and footer, its lazy picture real.
    expect(gbk).toContain('社会消费品零售总额同比增长');
    expect(gbk).not.toMatch(/广告位招租|版权所有|登录/);
    expect(gbk).toContain(`src="${srv.url}/img/chart.png"`);
    const selected = posts().find((p) => p.includes('指定正文'))!;
    expect(selected).toContain('市场销售保持恢复态势');
    expect(selected).not.toContain('侧栏推荐');
    expect(srv.requests.some((r) => r.path.includes('secret'))).toBe(false);
    // Nothing new in the feeds: no page is read again.
    const asked = pageRequests();
    expect((await run()).code).toBe(0);
    expect(pageRequests()).toBe(asked);
  });

  it('asks a page read before "changed since?" when its entry changes: the stored article stays on a 304, a changed page is read again', async () => {
    const edited = () => srv.requests.filter((r) => r.path === '/page/edition');
    headline = '央行公开市场操作（更新）';
    const second = await run();
    expect(second.code).toBe(0);
    expect(edited().at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(second.report.sources.find((s) => s.url.endsWith('/feed/edits'))!.fullText).toEqual({ read: 0, unchanged: 1, kept: [] });
    const kept = posts().find((p) => p.includes(headline))!;
    // The new title, over the article read the first time (not the feed's empty content).
    expect(kept).toContain('第1版：国家统计局今天发布数据');
    edition = 2;
    headline = '央行公开市场操作（再次更新）';
    const third = await run();
    expect(edited().at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(third.report.sources.find((s) => s.url.endsWith('/feed/edits'))!.fullText).toEqual({ read: 1, unchanged: 0, kept: [] });
    expect(posts().find((p) => p.includes(headline))).toContain('第2版：国家统计局今天发布数据');
    // --force reads every page whole.
    headline = '央行公开市场操作（第三次）';
    const io = captureIo(ws.dir);
    expect(await main(['run', '--force', '-q', '-c', config], io)).toBe(0);
    expect(edited().at(-1)!.headers['if-none-match']).toBeUndefined();
  });
});
