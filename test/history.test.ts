import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { allItems } from './helpers/store.js';
import { postsUnder } from './helpers/fixtures.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed, type TestItem } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/** Item n is dated 1–9 October by its number (any other name: 20 October). */
const item = (n: string, over: Partial<TestItem> = {}): TestItem => ({
  title: `新闻 ${n}`, link: `https://news.test/${n}`, guid: `g-${n}`, pubDate: `${/^\d$/.test(n) ? `0${n}` : '20'} Oct 2026 08:00:00 GMT`, description: `<p>正文 ${n}</p>`, ...over,
});

/** Feeds that change between runs; the server answers 304 when the ETag matches. */
const feeds: Record<string, { items: TestItem[]; fail?: boolean }> = {};
const etag = (path: string): string => `"${Buffer.from(JSON.stringify(feeds[path])).toString('base64').slice(-24)}"`;

describe('three runs against feeds that change', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let config: string;
  const posts = () => postsUnder(join(ws.dir, 'posts'));
  const runOnce = async () => {
    const io = captureIo(ws.dir);
    expect(await main(['run', '-c', config, '-q', '--json'], io)).toBe(0);
    return JSON.parse(io.stdout.join('\n')) as { sources: Array<{ id: string; status: string; new: number; updated: number; httpStatus: number | null }>; outputs: Record<string, Record<string, number>> };
  };
  const stored = async () => {
    const s = openSqliteStore(join(ws.dir, 'state.db'));
    const [items, health] = [await allItems(s), await s.sources.all()];
    await s.close();
    return { items, health: new Map(health.map((h) => [h.sourceId, h])) };
  };

  beforeAll(async () => {
    const handler = (path: string) => async (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      const f = feeds[path]!;
      if (f.fail) return void res.writeHead(500).end('down');
      const tag = etag(path);
      if (req.headers['if-none-match'] === tag) return void res.writeHead(304, { etag: tag }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: tag }).end(rssFeed(path, f.items));
    };
    srv = await startFeedServer({ '/a': handler('/a'), '/b': handler('/b'), '/c': handler('/c') });
    ws = await tempDir();
    mkdirSync(join(ws.dir, 'posts/新媒体/A站/要闻'), { recursive: true });
    // A file Broadsheet did not write, at the name its first item would take: never touched.
    writeFileSync(join(ws.dir, 'posts/新媒体/A站/要闻/新闻 1.md'), 'mine\n');
    config = await writeConfig(
      ws.dir,
      // One source at a time, in the config's order: A's story is stored before B's copy of it (the counts, not
      // the result, depend on the order).
      `rsshub:\n  instance: ${srv.url}\nfetch: { concurrency: 1 }\nsources:\n` +
        ['a:A站:要闻', 'b:B站:要闻', 'c:C站:快讯'].map((x) => { const [r, site, ch] = x.split(':'); return `  - route: /${r}\n    category: 新媒体\n    site: ${site}\n    channel: ${ch}\n`; }).join('') +
        `hexo:\n  posts: posts\n  abbrlink: true\nstore:\n  path: state.db\nretention:\n  perSource: 4\n`,
    );
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('keeps exactly the expected items, posts and health', async () => {
    // Run 1: A has three items, B carries A's first story under a tracking link, C is healthy.
    feeds['/a'] = { items: [item('1'), item('2'), item('3')] };
    feeds['/b'] = { items: [item('b1'), { ...item('1'), guid: 'other-guid', link: 'https://news.test/1?utm_source=b&utm_medium=rss' }] };
    feeds['/c'] = { items: [item('c1')] };
    const r1 = await runOnce();
    expect(r1.sources.map((s) => [s.id, s.status, s.new])).toEqual([['/a', 'ok', 3], ['/b', 'ok', 1], ['/c', 'ok', 1]]);
    let st = await stored();
    expect(st.items.map((i) => i.title).sort()).toEqual(['新闻 1', '新闻 2', '新闻 3', '新闻 b1', '新闻 c1']);
    expect(r1.outputs.hexo).toMatchObject({ created: 5, updated: 0, removed: 0 });
    expect(st.items.find((i) => i.title === '新闻 1')!.sourceIds).toEqual(['/a', '/b']);
    const afterFirst = posts();
    expect(afterFirst).toHaveLength(6); // five posts and the user's own file
    expect(readFileSync(join(ws.dir, 'posts/新媒体/A站/要闻/新闻 1.md'), 'utf8')).toBe('mine\n');
    const abbrlinkOf = (rel: string) => /abbrlink: (\w+)/.exec(readFileSync(join(ws.dir, 'posts', rel), 'utf8'))![1];
    expect(afterFirst.filter((p) => p.startsWith('新媒体/A站/'))).toEqual(['新闻 1 ~', '新闻 1.md', '新闻 2.md', '新闻 3.md'].map((n) => afterFirst.find((p) => p.startsWith(`新媒体/A站/要闻/${n}`))!));
    const abbrlink3 = abbrlinkOf('新媒体/A站/要闻/新闻 3.md');

    // Run 2: A drops 1 and 2, edits 3's title, adds 4 and 5; B drops its copy of 1; retention (4 per source) prunes 1
    // (no feed lists it now), keeps 2. C starts failing.
    feeds['/a'] = { items: [item('3', { title: '新闻 3（更新）', description: '<p>改过的正文</p>' }), item('4'), item('5')] };
    feeds['/b'] = { items: [item('b1')] };
    feeds['/c'] = { items: [], fail: true };
    const r2 = await runOnce();
    expect(r2.sources.map((s) => [s.id, s.status, s.new, s.updated])).toEqual([['/a', 'ok', 2, 1], ['/b', 'ok', 0, 0], ['/c', 'failed', 0, 0]]);
    expect(r2.outputs.hexo).toMatchObject({ created: 2, updated: 1, removed: 1 });
    st = await stored();
    expect(st.items.filter((i) => i.sourceId === '/a').map((i) => i.title).sort()).toEqual(['新闻 2', '新闻 3（更新）', '新闻 4', '新闻 5']);
    expect(st.items.filter((i) => i.sourceId === '/c').map((i) => i.title)).toEqual(['新闻 c1']); // a failing source keeps its items
    expect(st.health.get('/c')).toMatchObject({ consecutiveFailures: 1, lastError: { code: 'fetch.http', status: 500 } });
    expect(st.health.get('/a')).toMatchObject({ consecutiveFailures: 0, itemsSeen: 5 });
    const afterSecond = posts();
    expect(afterSecond.filter((p) => p.startsWith('新媒体/A站/'))).toEqual(
      ['新闻 1.md', '新闻 2.md', '新闻 3（更新）.md', '新闻 4.md', '新闻 5.md'].map((n) => `新媒体/A站/要闻/${n}`),
    );
    expect(readFileSync(join(ws.dir, 'posts/新媒体/A站/要闻/新闻 1.md'), 'utf8')).toBe('mine\n');
    expect(abbrlinkOf('新媒体/A站/要闻/新闻 3（更新）.md')).toBe(abbrlink3); // the link survives the rename

    // Run 3: nothing changed but C is still down (backing off: skipped); every other answer is a 304.
    const mtimes = new Map(posts().map((p) => [p, statSync(join(ws.dir, 'posts', p)).mtimeMs]));
    const r3 = await runOnce();
    expect(r3.sources.map((s) => [s.id, s.status])).toEqual([['/a', 'not-modified'], ['/b', 'not-modified'], ['/c', 'skipped']]);
    expect(r3.outputs.hexo).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(new Map(posts().map((p) => [p, statSync(join(ws.dir, 'posts', p)).mtimeMs]))).toEqual(mtimes);
  });
});
