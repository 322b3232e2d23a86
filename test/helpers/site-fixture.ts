import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/index.js';
import { startFeedServer, type FeedServer } from './feed-server.js';
import { rssFeed, type TestItem } from './rss.js';
import { serveSite, type StaticServer } from './static-server.js';
import { captureIo, tempDir, writeConfig } from './workspace.js';

/** The names of the fixture's sources: three levels, two sites that differ only by case, two only by Unicode form. */
export const FIXTURE_SOURCES = [
  { route: '/xinhua/domestic', category: '新闻', site: '新华社', channel: '国内' },
  { route: '/xinhua/world', category: '新闻', site: '新华社', channel: '国际' },
  { route: '/people/top', category: '新闻', site: '人民网', channel: '要闻' },
  { route: '/apple/news', category: '科技', site: 'Apple', channel: '新闻' },
  { route: '/apple-lower/blog', category: '科技', site: 'apple', channel: '博客' },
  { route: '/ithome/hot', category: '科技', site: 'IT 之家', channel: '热榜' },
  { route: '/cafe/nfc', category: '财经', site: 'Caf\u00e9', channel: '市场' },
  { route: '/cafe/nfd', category: '财经', site: 'Cafe\u0301', channel: '快讯' },
] as const;

export const ITEMS_PER_SOURCE = 7;
const DAY0 = Date.UTC(2026, 10, 20, 2);

/** Item k of source s: dated one per source-hour, with an image on the loopback server and an original page. */
export function fixtureItem(s: number, k: number, feedsUrl: string, extra: Partial<TestItem> = {}): TestItem {
  const src = FIXTURE_SOURCES[s]!;
  return {
    title: `${src.site}${src.channel}第${k + 1}条：经济观察 ${s}-${k}`,
    guid: `${src.route}/${k}`,
    link: `${feedsUrl}/original/${s}-${k}`,
    pubDate: new Date(DAY0 + (s * ITEMS_PER_SOURCE + k) * 3_600_000 * 3).toUTCString(),
    description: `<p>${src.site} 报道：第 ${k + 1} 条正文，关于城市、产业与民生的长篇报道。</p><p><img src="${feedsUrl}/img/${s}-${k}.svg" alt="配图"></p><p>${'段落内容。'.repeat(30)}</p>`,
    ...extra,
  };
}

export interface SiteFixture {
  dir: string;
  config: string;
  feeds: FeedServer;
  site: StaticServer;
  /** Absolute URL of the built site (a sub-path, as a project site on GitHub Pages). */
  url: string;
  out: string;
  /** Items each source serves now; change them and `run` again. */
  items: TestItem[][];
  run(args?: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }>;
  close(): Promise<void>;
}

const svg = (label: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#7a9"/><text x="20" y="160" font-size="40">${label}</text></svg>`;

export async function siteFixture(o: { perPage?: number; extraYaml?: string; language?: string } = {}): Promise<SiteFixture> {
  const ws = await tempDir('broadsheet-site-');
  const items: TestItem[][] = [];
  const feeds = await startFeedServer({
    ...Object.fromEntries(FIXTURE_SOURCES.map((src, s) => [src.route, (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(src.site, items[s]!))])),
    '/img/': (req, res) => void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(svg(decodeURIComponent(req.url ?? '').split('/').pop()!.replace('.svg', ''))),
    '/original/': (req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>原文</title><h1>原文 ${req.url}</h1>`),
  });
  const site = await serveSite(join(ws.dir, 'public'), '/news/', {});
  for (let s = 0; s < FIXTURE_SOURCES.length; s++) items.push(Array.from({ length: ITEMS_PER_SOURCE }, (_, k) => fixtureItem(s, k, feeds.url)));
  const sources = FIXTURE_SOURCES.map((x) => `  - route: ${x.route}\n    category: ${x.category}\n    site: ${JSON.stringify(x.site)}\n    channel: ${x.channel}\n`).join('');
  const url = `${site.url}/news/`;
  const config = await writeConfig(
    ws.dir,
    `rsshub:\n  instance: ${feeds.url}\nsources:\n${sources}hexo:\n  posts: posts\nstore:\n  path: state.db\nsite:\n  title: 测试新闻站\n  url: ${url}\n  perPage: ${o.perPage ?? 5}\n${o.language ? `  language: ${o.language}\n` : ''}${o.extraYaml ?? ''}`,
  );
  return {
    dir: ws.dir, config, feeds, site, url, out: join(ws.dir, 'public'), items,
    async run(args = ['run', '-q']) {
      const io = captureIo(ws.dir);
      const code = await main([...args, '-c', config], io);
      return { code, stdout: io.stdout, stderr: io.stderr };
    },
    async close() {
      await feeds.close();
      await site.close();
      await ws.cleanup();
    },
  };
}

/** A post of the original system with an abbrlink, for the redirect from its old address. */
export function writeImportedPost(dir: string, abbrlink: string): string {
  const folder = join(dir, 'old/新闻/新华社/国内');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '旧文章.md'), `\n---\ntitle: '迁移来的旧文章'\ncategories: \n - 新闻\n - 新华社\n - 国内\nheadimg: 'https://picsum.photos/400/300?random=1'\nauthor: 新华社\ncomments: false\ndate: Thu, 20 May 2021 05:06:58 GMT\nthumbnail: 'https://picsum.photos/400/300?random=1'\nabbrlink: ${abbrlink}\n---\n\n<div>   \n<p>旧系统的正文。</p>\n  \n</div>\n            `);
  return join(dir, 'old');
}

