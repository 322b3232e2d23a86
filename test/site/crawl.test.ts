import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed as feedsmith } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feed/index.js';
import { siteFixture, writeImportedPost, FIXTURE_SOURCES, ITEMS_PER_SOURCE, type SiteFixture } from '../helpers/site-fixture.js';
import { crawlSite, htmlFilesUnder } from '../helpers/site-crawl.js';

describe('the built site, walked like a crawler', () => {
  let fx: SiteFixture;
  beforeAll(async () => {
    fx = await siteFixture();
    expect((await fx.run(['import', 'hexo', writeImportedPost(fx.dir, '1a2b3c4d')])).code).toBe(0);
    expect((await fx.run()).code).toBe(0);
  }, 60_000);
  afterAll(() => fx?.close());

  it('finds no broken internal link, image, stylesheet, script or feed, and reaches every page', () => {
    const { seen, broken } = crawlSite(fx.out, fx.url);
    expect(broken).toEqual([]);
    const unreachable = htmlFilesUnder(fx.out).filter((f) => !seen.has(join(fx.out, f)) && f !== '404.html' && !/^p\/[0-9a-f]{8}\.html$/.test(f));
    expect(unreachable).toEqual([]);
    // Every stored item has its article page.
    expect(htmlFilesUnder(fx.out).filter((f) => /^p\/[0-9a-f]{12}\.html$/.test(f))).toHaveLength(FIXTURE_SOURCES.length * ITEMS_PER_SOURCE + 1);
  });

  it('writes output feeds that the project’s parser and an independent one read with the same items', () => {
    for (const dir of ['', 'categories/新闻/']) {
      const expected = (name: string) => JSON.parse(readFileSync(join(fx.out, dir, name), 'utf8')) as { items: Array<{ url: string; title: string }> };
      const json = expected('feed.json');
      expect(json.items.length).toBeGreaterThan(dir ? 10 : 30);
      for (const name of ['atom.xml', 'rss.xml', 'feed.json']) {
        const text = readFileSync(join(fx.out, dir, name), 'utf8');
        const ours = parseFeed(text, fx.url);
        if (ours instanceof Error) throw ours;
        expect(ours.entries.map((e) => [e.title, e.link]), `${dir}${name}`).toEqual(json.items.map((i) => [i.title, i.url]));
        const theirs = feedsmith(text) as { feed: { items?: Array<{ title?: string }>; entries?: Array<{ title?: unknown }> } };
        const titles = (theirs.feed.items ?? theirs.feed.entries ?? []).map((i) => (typeof i.title === 'string' ? i.title : (i.title as { value?: string } | undefined)?.value));
        expect(titles, `${dir}${name} (feedsmith)`).toEqual(json.items.map((i) => i.title));
        for (const url of json.items.map((i) => i.url)) expect(url.startsWith(fx.url)).toBe(true);
      }
      expect(JSON.parse(readFileSync(join(fx.out, dir, 'feed.json'), 'utf8')).version).toBe('https://jsonfeed.org/version/1.1');
    }
  });

  it('lists every page in the sitemap and every category in the OPML, never the access key', () => {
    // An index of the list pages' file and the articles' files (numbered from the oldest).
    const index = readFileSync(join(fx.out, 'sitemap.xml'), 'utf8');
    const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname.split('/').pop()!);
    expect(files).toEqual(['sitemap-lists.xml', 'sitemap-1.xml']);
    const sitemap = files.map((f) => readFileSync(join(fx.out, f), 'utf8')).join('\n');
    expect(sitemap).toContain(`<loc>${fx.url}</loc>`);
    const articles = htmlFilesUnder(fx.out).filter((f) => /^p\/[0-9a-f]{12}\.html$/.test(f));
    expect(articles.length).toBeGreaterThan(0);
    for (const a of articles) expect(sitemap).toContain(new URL(a, fx.url).href);
    const opml = readFileSync(join(fx.out, 'sources.opml'), 'utf8');
    // The routes are on a self-hosted instance, whose host is never published (issue 25 #2): readers
    // subscribe to each category through the site's own feed (issue 27).
    for (const category of new Set(FIXTURE_SOURCES.map((s) => s.category))) expect(opml).toContain(`xmlUrl="${fx.url}categories/${encodeURIComponent(category)}/rss.xml"`);
    expect(opml).not.toContain(new URL(fx.feeds.url).host);
    // Each source's last 30 days, drawn (issue 27): seven items each, in the fixture's week.
    const page = readFileSync(join(fx.out, 'status/index.html'), 'utf8');
    expect(page.match(/<svg class="spark" [^>]*aria-label="近 30 天共 \d+ 条，一天最多 \d+ 条"/g)).toHaveLength(FIXTURE_SOURCES.length);
    // Every sparkline covers 30 days: a bar for each day with items, a dashed run (4 units a day) for the others.
    for (const [svg] of page.matchAll(/<svg class="spark".*?<\/svg>/g)) {
      const bars = svg.match(/h3v\d+h-3z/g) ?? [];
      const quiet = [...svg.matchAll(/M\d+ 19\.5h(\d+)/g)].reduce((n, m) => n + Number(m[1]) / 4, 0);
      expect(bars.length).toBeGreaterThan(0);
      expect(bars.length + quiet).toBe(30);
    }
    const status = JSON.parse(readFileSync(join(fx.out, 'status/status.json'), 'utf8')) as { sources: Array<{ id: string; state: string }> };
    expect(status.sources.map((s) => [s.id, s.state]).sort()).toEqual(FIXTURE_SOURCES.map((s) => [s.route, 'ok']).sort());
  });

  it('gives names that differ only by case or Unicode form their own paths', () => {
    const dirs = htmlFilesUnder(fx.out).filter((f) => /^categories\/[^/]+\/[^/]+\/index\.html$/.test(f)).map((f) => f.split('/')[2]!);
    expect(dirs.filter((d) => d.toLowerCase().startsWith('apple')).sort()).toEqual(['Apple', 'apple-2']);
    expect(dirs.filter((d) => d.normalize('NFC').startsWith('Café'))).toHaveLength(2);
    expect(new Set(dirs.map((d) => d.normalize('NFC').toLowerCase())).size).toBe(dirs.length);
  });
});

describe('the site in English', () => {
  it('speaks English: lang, words and dates', async () => {
    const fx = await siteFixture({ language: 'en' });
    try {
      expect((await fx.run()).code).toBe(0);
      const home = readFileSync(join(fx.out, 'index.html'), 'utf8');
      expect(home).toContain('<html lang="en"');
      expect(home).toContain('>Latest</h1>');
      expect(home).toMatch(/<h2 class="day" data-day="2026-\d\d-\d\d">\w+day, \w+ \d+, 2026<\/h2>/);
      expect(home).not.toMatch(/最新|分类/);
      expect(readFileSync(join(fx.out, 'status/index.html'), 'utf8')).toContain('8 sources, 0 with problems');
    } finally {
      await fx.close();
    }
  });
});
