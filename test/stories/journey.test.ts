import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { filesUnder } from '../helpers/fixtures.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { rssFeed } from '../helpers/rss.js';
import { searchOnDisk, siteFiles } from '../helpers/site-search.js';
import { captureIo, tempDir } from '../helpers/workspace.js';

/**
 * Issue 23 as a reader meets it: three outlets carry one wire story (RSS, Atom, JSON Feed, each its own
 * link and words), a fourth a report that differs in one figure. One `broadsheet run`, then the site.
 */
const MLF = [
  { title: '央行开展5000亿元MLF操作 中标利率持平', lead: '新华社北京12月15日电 中国人民银行15日开展5000亿元中期借贷便利（MLF）操作，中标利率为2.0%，与上月持平。' },
  { title: '央行今日开展5000亿元MLF操作，中标利率与上月持平_澎湃新闻', lead: '中国人民银行15日开展5000亿元中期借贷便利（MLF）操作，中标利率为2.0%，与上月持平。当日有4500亿元MLF到期。' },
  { title: '【快讯】中国央行开展5000亿元MLF操作，利率持平于2.0%', lead: '中国央行周一开展5000亿元1年期MLF操作，中标利率2.0%，前值2.0%。' },
];
const OTHER = { title: '央行开展6000亿元MLF操作 中标利率持平', lead: '中国人民银行开展6000亿元中期借贷便利（MLF）操作，中标利率为2.0%，与上月持平。' };
const AT = (h: number) => new Date(Date.UTC(2026, 11, 15, 1 + h)).toUTCString();

describe('one story from several outlets', () => {
  let srv: FeedServer;
  // 华尔街见闻's report comes with the second run: the story grows on a site already built.
  let late = false;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  const site = (rel: string) => readFileSync(join(ws.dir, 'public', rel), 'utf8');
  const config = (stories: boolean) => writeFileSync(join(ws.dir, 'broadsheet.yml'), [
    'sources:',
    ...[['xinhua.rss', '新华社'], ['thepaper.atom', '澎湃新闻'], ['wallstreetcn.json', '华尔街见闻'], ['cls.rss', '财联社']].map(([f, name]) => `  - url: ${srv.url}/${f}\n    category: 财经\n    site: ${name}\n    channel: 要闻`),
    'store:\n  path: state.db', 'hexo:\n  posts: posts', `site:\n  out: public\n  url: https://news.example.org/\n  stories: ${stories}`, '',
  ].join('\n'));

  beforeAll(async () => {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    srv = await startFeedServer({
      '/xinhua.rss': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('新华社', [
        { title: MLF[0]!.title, description: MLF[0]!.lead, link: 'https://www.news.cn/fortune/20261215/mlf.html', guid: 'x1', pubDate: AT(0) },
        { title: '国务院常务会议部署进一步扩大内需', description: '国务院总理主持召开国务院常务会议，部署进一步扩大内需有关举措。', link: 'https://www.news.cn/politics/20261215/gwy.html', guid: 'x2', pubDate: AT(1) },
      ])),
      '/thepaper.atom': (_q, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>澎湃新闻</title><id>https://www.thepaper.cn/</id><updated>2026-12-15T03:00:00Z</updated>
<entry><title>${esc(MLF[1]!.title)}</title><id>https://www.thepaper.cn/newsDetail_forward_1</id><link href="https://www.thepaper.cn/newsDetail_forward_1"/><updated>${new Date(AT(1)).toISOString()}</updated><summary>${esc(MLF[1]!.lead)}</summary></entry>
</feed>`),
      '/wallstreetcn.json': (_q, res) => void res.writeHead(200, { 'content-type': 'application/feed+json' }).end(JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1', title: '华尔街见闻',
        items: !late ? [] : [{ id: 'w1', url: 'https://wallstreetcn.com/livenews/1', title: MLF[2]!.title, content_text: MLF[2]!.lead, date_published: new Date(AT(2)).toISOString() }],
      })),
      '/cls.rss': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('财联社', [
        { title: OTHER.title, description: OTHER.lead, link: 'https://www.cls.cn/detail/1', guid: 'c1', pubDate: AT(3) },
      ])),
    });
    ws = await tempDir();
    config(true);
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('shows the story once with "3 家来源", lists the other reports on its page, carries it once in the feeds, and finds every report', async () => {
    const first = captureIo(ws.dir);
    expect(await main(['run', '--json'], first)).toBe(0);
    expect(JSON.parse(first.stdout.join('\n')).stories).toEqual({ grouped: 4, joined: 1 });
    expect(site('index.html')).toContain('<strong>2 家来源</strong>');
    late = true;
    const io = captureIo(ws.dir);
    expect(await main(['run', '--json'], io)).toBe(0);
    const second = JSON.parse(io.stdout.join('\n')) as { stories: unknown; outputs: { hexo: { created: number; updated: number } } };
    expect(second.stories).toEqual({ grouped: 1, joined: 1 });
    // The Hexo posts stay one per item: the new report's post, none of the others touched.
    expect(second.outputs.hexo).toMatchObject({ created: 1, updated: 0 });
    const home = site('index.html');
    const cards = [...home.matchAll(/<h3><a href="([^"]+)">([^<]+)<\/a><\/h3>/g)].map((m) => ({ href: m[1]!, title: m[2]! }));
    // The first report leads; the one-figure-different report stays its own story.
    expect(cards.map((c) => c.title).sort()).toEqual([MLF[0]!.title, OTHER.title, '国务院常务会议部署进一步扩大内需'].sort());
    expect(home).toMatch(/<div class="story"><strong>3 家来源<\/strong> 新华社、澎湃新闻、华尔街见闻<\/div>/);
    const lead = site(new URL(cards.find((c) => c.title === MLF[0]!.title)!.href, 'https://x/').pathname.replace(/^\//, ''));
    expect(lead).toContain('其他来源的报道');
    for (const [title, original] of <Array<[string, string]>>[[MLF[1]!.title, 'https://www.thepaper.cn/newsDetail_forward_1'], [MLF[2]!.title, 'https://wallstreetcn.com/livenews/1']]) {
      expect(lead).toMatch(new RegExp(`<a href="/p/[0-9a-f]{12}\\.html">${title.replace(/[【】()（）.]/g, '\\$&')}</a>`));
      expect(lead).toContain(`href="${original}"`);
    }
    const feed = JSON.parse(site('feed.json')) as { items: Array<{ title: string; _broadsheet?: { story: string; sources: string[] } }> };
    expect(feed.items.map((i) => i.title).sort()).toEqual(cards.map((c) => c.title).sort());
    const story = feed.items.find((i) => i.title === MLF[0]!.title)!._broadsheet!;
    expect(story.sources).toEqual(['新华社 · 要闻', '澎湃新闻 · 要闻', '华尔街见闻 · 要闻']);
    expect(feed.items.find((i) => i.title === OTHER.title)!._broadsheet!.sources).toEqual(['财联社 · 要闻']);
    expect(new Set(feed.items.map((i) => i._broadsheet!.story)).size).toBe(3);
    // Search finds every report, the later ones included.
    expect(await searchOnDisk(join(ws.dir, 'public')).urls('MLF')).toHaveLength(4);
    // Every link inside the site leads to a page (an outlet's own list holds the report it alone listed).
    const root = join(ws.dir, 'public');
    const broken = filesUnder(root).filter((f) => f.endsWith('.html')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/href="(\/[^"#?]*)"/g)].map((m) => m[1]!))
      .map(decodeURIComponent).filter((href) => !existsSync(join(root, href.endsWith('/') ? `${href}index.html` : href)));
    expect([...new Set(broken)]).toEqual([]);
    expect(site('categories/index.html')).toContain('澎湃新闻');
    // What the second run changed equals a full build of the same store, byte for byte.
    const db = new Database(join(ws.dir, 'state.db'));
    db.exec(`VACUUM INTO '${join(ws.dir, 'copy.db')}'`);
    db.close();
    writeFileSync(join(ws.dir, 'rebuild.yml'), readFileSync(join(ws.dir, 'broadsheet.yml'), 'utf8').replace('path: state.db', 'path: copy.db').replace('out: public', 'out: rebuilt'));
    expect(await main(['build', '--full', '-c', 'rebuild.yml'], captureIo(ws.dir))).toBe(0);
    const [incremental, full] = ['public', 'rebuilt'].map((d) => siteFiles(join(ws.dir, d), filesUnder(join(ws.dir, d))));
    expect([...incremental!.keys()].sort()).toEqual([...full!.keys()].sort());
    expect([...incremental!].filter(([k, v]) => full!.get(k) !== v).map(([k]) => k)).toEqual([]);
  });

  it('lists every report again with site.stories: false', async () => {
    config(false);
    expect(await main(['run', '-q'], captureIo(ws.dir))).toBe(0);
    const home = site('index.html');
    for (const r of [...MLF, OTHER]) expect(home).toContain(`>${r.title.replace(/&/g, '&amp;')}</a></h3>`);
    expect(home).not.toContain('家来源');
    expect(site('feed.json')).not.toContain('_broadsheet');
  });
});
