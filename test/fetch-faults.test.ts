import { createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { body, startFeedServer, status, trickle, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

const healthy = rssFeed('健康的源', [
  { title: '第一条新闻', link: 'https://example.com/1', guid: 'a1', pubDate: 'Thu, 20 May 2021 05:06:58 GMT', description: '<p>正文一</p>' },
  { title: '第二条新闻', link: 'https://example.com/2', guid: 'a2', pubDate: 'Thu, 20 May 2021 06:06:58 GMT', description: '<p>正文二</p>' },
]);

async function gzipOfZeros(megabytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024);
  const source = Readable.from((function* () { for (let i = 0; i < megabytes; i++) yield chunk; })());
  const parts: Buffer[] = [];
  for await (const part of source.pipe(createGzip({ level: 9 }))) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

const SCENARIOS = ['ok', 'ok2', 'e500', 'e404', 'hang', 'trickle', 'huge', 'bomb', 'loop', 'r429', 'wrongtype', 'empty', 'html', 'gbk', 'big5'] as const;

describe('fetching from a faulty loopback server', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let configPath: string;
  let r429Calls = 0;

  beforeAll(async () => {
    const bomb = await gzipOfZeros(512);
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x20);
    srv = await startFeedServer({
      '/ok': body(healthy),
      '/ok2': body(rssFeed('另一个源', [{ title: '第三条', link: 'https://example.com/3' }])),
      '/e500': status(500),
      '/e404': status(404),
      '/hang': () => {}, // never answers
      '/trickle': trickle(healthy, 200),
      '/huge': body(huge, { 'content-type': 'application/rss+xml' }),
      '/bomb': body(bomb, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }),
      '/loop': (_, res) => void res.writeHead(302, { location: '/loop' }).end(),
      '/r429': (_, res) => {
        r429Calls++;
        if (r429Calls === 1) res.writeHead(429, { 'retry-after': '1' }).end('slow down');
        else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(healthy);
      },
      '/wrongtype': body(healthy, { 'content-type': 'text/html' }),
      '/empty': body('', { 'content-type': 'application/rss+xml' }),
      '/html': body('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>challenge</body></html>', { 'content-type': 'text/html' }),
      '/gbk': body(iconv.encode(rssFeed('国内新闻', [{ title: '中文标题：测试', link: 'https://example.com/g' }]).replace('encoding="UTF-8"', 'encoding="GBK"'), 'gbk'), { 'content-type': 'application/xml' }),
      '/big5': body(iconv.encode(rssFeed('繁體新聞', [{ title: '臺灣的繁體中文標題，測試編碼偵測是否正確無誤', link: 'https://example.com/b' }]).replace(' encoding="UTF-8"', ''), 'big5'), { 'content-type': 'application/xml' }),
    });
    ws = await tempDir();
    const sources = SCENARIOS.map((s) => `  - url: ${srv.url}/${s}\n    id: ${s}\n    category: 测试\n    site: 故障\n    channel: ${s}\n`).join('');
    configPath = await writeConfig(ws.dir, `fetch: { timeout: 2s, retries: 2, concurrency: 16, perHost: 16 }\nsources:\n${sources}hexo: { posts: posts }\n`);
  }, 120_000);

  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('finishes the run, keeps healthy sources whole and names every failure', async () => {
    const io = captureIo(ws.dir);
    let peak = 0;
    const base = process.memoryUsage();
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss - base.rss);
    }, 10);
    const code = await main(['run', '--config', configPath, '--json'], io);
    clearInterval(sampler);
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout.join('\n')) as { sources: Array<{ id: string; status: string; items: number; httpStatus: number | null; attempts: number; error: { code: string; message: string } | null; entries: Array<{ title: string }> }> };
    const by = Object.fromEntries(report.sources.map((s) => [s.id, s]));
    const failure = (id: string) => [by[id]!.status, by[id]!.error?.code];

    expect(by.ok).toMatchObject({ status: 'ok', items: 2 });
    expect(by.ok2).toMatchObject({ status: 'ok', items: 1 });
    expect(failure('e500')).toEqual(['failed', 'fetch.http']);
    expect(by.e500).toMatchObject({ httpStatus: 500, attempts: 3 });
    expect(failure('e404')).toEqual(['failed', 'fetch.http']);
    expect(by.e404).toMatchObject({ httpStatus: 404, attempts: 1 });
    expect(failure('hang')).toEqual(['failed', 'fetch.timeout']);
    expect(failure('trickle')).toEqual(['failed', 'fetch.timeout']);
    expect(failure('huge')).toEqual(['failed', 'fetch.too-large']);
    expect(failure('bomb')).toEqual(['failed', 'fetch.too-large']);
    expect(failure('loop')).toEqual(['failed', 'fetch.too-many-redirects']);
    expect(by.r429).toMatchObject({ status: 'ok', items: 2, attempts: 2 });
    expect(by.wrongtype).toMatchObject({ status: 'ok', items: 2 });
    expect(failure('empty')).toEqual(['failed', 'fetch.empty']);
    expect(failure('html')).toEqual(['failed', 'feed.unrecognized']);
    expect(by.html!.error!.message).toContain('HTML page');
    expect(by.gbk!.entries.map((e) => e.title)).toEqual(['中文标题：测试']);
    expect(by.big5!.entries.map((e) => e.title)).toEqual(['臺灣的繁體中文標題，測試編碼偵測是否正確無誤']);
    // 512 MB of gzip bomb and a 50 MB body were cut at the 10 MB cap, not held in memory.
    expect(peak).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);

  it('prints a per-source table that names each failure', async () => {
    const io = captureIo(ws.dir);
    expect(await main(['fetch', '--config', configPath], io)).toBe(0);
    const out = io.stdout.join('\n');
    for (const [id, code] of <Array<[string, string]>>[['e500', 'fetch.http'], ['hang', 'fetch.timeout'], ['huge', 'fetch.too-large'], ['loop', 'fetch.too-many-redirects'], ['empty', 'fetch.empty'], ['html', 'feed.unrecognized']]) {
      expect(out).toMatch(new RegExp(`^${id}\\s+故障 / ${id}\\s.*failed.*${code.replace('.', '\\.')}`, 'm'));
    }
    expect(out).toMatch(/^ok\s+故障 \/ ok\s+2\s+0\s+ok\s/m);
    expect(await main(['fetch', '--config', configPath, '--strict'], captureIo(ws.dir))).toBe(1);
  }, 60_000);
});
