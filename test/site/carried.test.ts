import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureItem, siteFixture, type SiteFixture } from '../helpers/site-fixture.js';
import { crawlSite } from '../helpers/site-crawl.js';

/**
 * Issue 20: a channel whose every story reached the store first through another source had no page,
 * and the sources page linked to it (and to the page of a source that never brought anything).
 */
describe('a channel that only carries stories another source owns', () => {
  let fx: SiteFixture;
  const page = (rel: string) => readFileSync(join(fx.out, rel), 'utf8');
  beforeAll(async () => {
    fx = await siteFixture({ perPage: 5 });
    // apple/博客 carries 新华社/国内's stories (same links), which the earlier source in the config owns;
    // Café/快讯 never answers.
    fx.items[4] = fx.items[0]!.map((it, k) => ({ ...fixtureItem(4, k, fx.feeds.url), link: it.link }));
    fx.items[7] = [];
    const r = await fx.run();
    expect(r).toMatchObject({ code: 0, stderr: [] });
  }, 60_000);
  afterAll(() => fx?.close());

  it('has its page, listing what it carried, every page of it linked and found', () => {
    const list = page('categories/科技/apple-2/博客/index.html');
    expect(list).toContain('新华社国内第7条');
    // Five per page: the list is paginated over everything it carried, page 1 the oldest.
    expect(page('categories/科技/apple-2/博客/page/1/index.html')).toContain('新华社国内第1条');
    // Its site and category count them once; the article stays under its owner.
    expect(page('categories/科技/index.html')).toMatch(/科技[\s\S]*apple/);
    const { broken } = crawlSite(fx.out, fx.url);
    expect(broken).toEqual([]);
  });

  it('is linked from the sources page, which links no page that does not exist', () => {
    const status = decodeURI(page('status/index.html'));
    expect(status).toMatch(/<a href="[^"]*categories\/科技\/apple-2\/博客\/">apple · 博客<\/a>/);
    // A source with nothing stored is named, not linked.
    expect(status).toContain(`<td>${'Cafe\u0301'} · 快讯<span`);
  });
});
