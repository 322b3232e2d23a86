import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { sourcesFromConfig } from '../sources/index.js';
import { createFetchers } from './fetcher.js';

/** Issue 22: a `fullText` source's pages are often on its feed's host; the host's limit counts both. */
describe('feeds and article pages', () => {
  it('share one limit per host', async () => {
    const config = parseConfig('fetch: { retries: 0, perHost: 1 }\nsources:\n  - url: https://news.example/feed.xml\n    category: 新闻\n    site: 示例\n    channel: 要闻\n', '/x/b.yml', { env: {} });
    let inFlight = 0;
    let most = 0;
    const fetch = (async (url: string) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      const feed = url.endsWith('.xml');
      return new Response(feed ? '<rss version="2.0"><channel><title>t</title></channel></rss>' : '<html><body><p>正文</p></body></html>', { status: 200, headers: { 'content-type': feed ? 'application/rss+xml' : 'text/html' } });
    }) as unknown as typeof globalThis.fetch;
    const { feeds, pages } = createFetchers(config.fetch, config.rsshub, { fetch, resolve: async () => ['93.184.216.34'] });
    const [source] = sourcesFromConfig(config, () => undefined);
    const results = await Promise.all([feeds(source!), pages('https://news.example/a.html', { feedUrl: source!.url }), pages('https://news.example/b.html', { feedUrl: source!.url })]);
    expect(results.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok']);
    expect(most).toBe(1);
  });
});
