import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { createPictureFetcher } from './fetcher.js';

const settings = (yaml = '') => parseConfig(`fetch: { retries: 0${yaml} }\n`, '/x/b.yml', { env: {} }).fetch;

/** A fetch that records what it is asked and answers a picture, with the Referer it got. */
function recording() {
  const asked: Array<{ url: string; referer: string | null }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    asked.push({ url, referer: (init.headers as Record<string, string>).referer ?? null });
    return new Response(new Uint8Array([0xff, 0xd8, 0xff]), { status: 200, headers: { 'content-type': 'image/jpeg' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, asked };
}

// Names resolve only here: no test asks a real resolver.
const resolve = async (host: string) => ({ 'wx.sinaimg.cn': ['93.184.216.34'], 'internal.example': ['10.0.0.7'] })[host] ?? [];

describe('pictures named by a feed', () => {
  it('are fetched with the article as Referer', async () => {
    const f = recording();
    const r = await createPictureFetcher(settings(), { fetch: f.fetch, resolve })('https://wx.sinaimg.cn/mw690/a.jpg', { referer: 'https://weibo.com/123/abc', feedUrl: 'https://rsshub.app/weibo/user/1' });
    expect(r.kind).toBe('ok');
    expect(f.asked).toEqual([{ url: 'https://wx.sinaimg.cn/mw690/a.jpg', referer: 'https://weibo.com/123/abc' }]);
  });

  it('never reach a private or metadata address that a public feed names, and nothing is asked', async () => {
    const f = recording();
    const pictures = createPictureFetcher(settings(), { fetch: f.fetch, resolve });
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:127.0.0.1]/x.png', 'http://10.1.2.3/a.jpg', 'http://internal.example/a.jpg', 'http://localhost:8080/a.png']) {
      const r = await pictures(url, { referer: null, feedUrl: 'https://rsshub.app/weibo/user/1' });
      expect(r.kind === 'failed' && r.error.code, url).toBe('fetch.private-address');
    }
    expect(f.asked).toEqual([]);
  });

  it('may be on the feed\'s own host, private or not, and anywhere with fetch.privateRedirects', async () => {
    const f = recording();
    expect((await createPictureFetcher(settings(), { fetch: f.fetch, resolve })('http://192.168.1.5:8080/p.png', { referer: null, feedUrl: 'http://192.168.1.5:1200/weibo/user/1' })).kind).toBe('ok');
    expect((await createPictureFetcher(settings(', privateRedirects: true'), { fetch: f.fetch, resolve })('http://10.1.2.3/a.jpg', { referer: null, feedUrl: 'https://rsshub.app/x' })).kind).toBe('ok');
    expect(f.asked.map((a) => a.url)).toEqual(['http://192.168.1.5:8080/p.png', 'http://10.1.2.3/a.jpg']);
  });
});
