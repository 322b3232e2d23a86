import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { readOpml, sourcesFromConfig } from '../../src/sources/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { siteFixture, type SiteFixture } from '../helpers/site-fixture.js';
import { captureIo } from '../helpers/workspace.js';
import { main } from '../../src/cli/index.js';

/**
 * Issue 27: the public site named where sources are fetched from (a self-hosted RSSHub's host in
 * status.json, sources.opml and the errors), and gave undated items a time as if published.
 */
describe('what the published site says of its sources and of undated items', () => {
  let fx: SiteFixture;
  let host: string;
  const read = (rel: string) => readFileSync(join(fx.out, rel), 'utf8');
  const status = () => JSON.parse(read('status/status.json')) as { sources: Array<{ id: string; url: string | null; lastError: { code: string; message: string } | null }> };
  /** The fixture's config with two more sources: a public feed and one behind a password; `private` as given. */
  const configWith = (priv: boolean) => {
    const text = readFileSync(fx.config, 'utf8')
      .replace('sources:\n', 'sources:\n  - url: https://feeds.example.com/world.xml\n    id: public-feed\n    category: 新闻\n    site: 世界\n    channel: 全部\n' +
        '  - url: https://intranet.example.com/memo.xml\n    id: password-feed\n    auth:\n      user: reader\n      password: secret\n    category: 新闻\n    site: 内部\n    channel: 通知\n')
      .replace('site:\n', `site:\n  private: ${priv}\n`);
    const file = join(fx.dir, `broadsheet-${priv}.yml`);
    writeFileSync(file, text);
    return file;
  };

  const build = async (config: string) => {
    const io = captureIo(fx.dir);
    return { code: await main(['build', '-c', config], io), stderr: io.stderr };
  };

  beforeAll(async () => {
    fx = await siteFixture({ perPage: 30 });
    host = new URL(fx.feeds.url).host;
    // A source that gives no dates (RSS 1.0 examples, some RSSHub routes).
    fx.items[3] = fx.items[3]!.map(({ pubDate: _, ...it }) => it);
    // One route fails; its error names the instance's address.
    fx.items[5] = [];
    expect((await fx.run()).code).toBe(0);
    // The extra sources are known to the store as a run would leave them; a build needs no fetch.
    const config = configWith(false);
    const store = openSqliteStore(join(fx.dir, 'state.db'));
    const sources = sourcesFromConfig(await loadConfig(config));
    await store.sources.sync(sources);
    await store.sources.recordFailure('/ithome/hot', { code: 'fetch.http', status: 503, message: `GET ${fx.feeds.url}/ithome/hot answered 503` }, { at: new Date(), latencyMs: 5, nextAttemptAt: new Date(0) });
    await store.sources.recordFailure('password-feed', { code: 'fetch.network', status: null, message: 'connect ECONNREFUSED intranet.example.com:443' }, { at: new Date(), latencyMs: 5, nextAttemptAt: new Date(0) });
    await store.close();
  }, 120_000);
  afterAll(() => fx?.close());

  it('gives readers public addresses only, and the site\'s own feeds for the rest', async () => {
    expect((await build(configWith(false))).code).toBe(0);
    const opml = readOpml(read('sources.opml'));
    const all = read('sources.opml') + read('status/status.json') + read('status/index.html');
    expect(all).not.toContain(host);
    expect(all).not.toContain('intranet.example.com');
    // The public feed as it is; everything else of 新闻 through the site's own 新闻 feed, once.
    const news = opml.filter((f) => f.folders[0] === '新闻');
    expect(news.map((f) => f.xmlUrl)).toEqual([`${fx.url}categories/${encodeURIComponent('新闻')}/rss.xml`, 'https://feeds.example.com/world.xml']);
    expect(news[0]!.title).toBe('新闻 · 测试新闻站');
    // Every outline of the OPML is a feed the site serves, or the public one.
    for (const f of opml) expect(f.xmlUrl === 'https://feeds.example.com/world.xml' || read(decodeURIComponent(f.xmlUrl.slice(fx.url.length))).startsWith('<?xml')).toBe(true);
    // status.json: routes as rsshub://…, the public address, nothing for the private feed; errors without the hosts.
    const byId = new Map(status().sources.map((s) => [s.id, s]));
    expect(byId.get('/ithome/hot')).toMatchObject({ url: 'rsshub://ithome/hot', lastError: { code: 'fetch.http', message: 'GET rsshub://ithome/hot answered 503' } });
    expect(byId.get('public-feed')!.url).toBe('https://feeds.example.com/world.xml');
    expect(byId.get('password-feed')).toMatchObject({ url: null, lastError: { message: 'connect ECONNREFUSED …:443' } });
  });

  it('under site.private, names no address and tells errors by their code alone', async () => {
    expect((await build(configWith(true))).code).toBe(0);
    const opml = readOpml(read('sources.opml'));
    expect(opml.every((f) => f.xmlUrl.startsWith(fx.url))).toBe(true);
    expect(opml.map((f) => f.folders[0])).toEqual(['新闻', '科技', '财经']);
    expect(status().sources.every((s) => s.url === null && (s.lastError === null || s.lastError.message === ''))).toBe(true);
    const page = read('status/index.html');
    expect(page).toContain('fetch.http 503');
    expect(page).not.toContain('rsshub://');
    expect(page).not.toContain('answered');
  });

  it('says an undated item\'s time is when it was collected, not "minutes ago" as if published', () => {
    const list = read(`categories/科技/Apple/新闻/index.html`);
    const times = [...list.matchAll(/<time [^>]*>[^<]*<\/time>/g)].map((m) => m[0]);
    expect(times.length).toBe(7);
    for (const t of times) {
      expect(t).not.toContain('data-rel');
      expect(t).toMatch(/title="来源没有给出发布时间[^"]*">收录于 /);
    }
    // A dated list keeps its relative times.
    expect(read('categories/新闻/新华社/国内/index.html')).toMatch(/<time datetime="[^"]+" data-rel>/);
  });
});
