import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir } from './helpers/workspace.js';

describe('init --hexo: a Hexo site for the emitted posts, built by real Hexo', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let feeds: FeedServer;
  let hexoDir = '';
  const errors: string[] = [];
  let posts: Array<{ title: string; path: string; abbrlink: string; date: string }> = [];
  /** Each item's date as its feed gave it, by title. */
  const published = new Map<string, string>();

  beforeAll(async () => {
    ws = await tempDir('broadsheet-init-hexo-');
    let n = 0;
    feeds = await startFeedServer({
      '/': (req, res) => {
        const route = new URL(req.url ?? '/', 'http://x').pathname;
        const items = [0, 1, 2].map(() => ({ title: `${route} 新闻 {{ ${++n} }}`, guid: `${route}/${n}`, link: `https://example.com${route}/${n}`, pubDate: new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toUTCString(), description: `<p>正文 {% raw %} ${n}</p>` }));
        for (const i of items) published.set(i.title.replace(/\//g, '_'), new Date(i.pubDate).toISOString());
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('源', items));
      },
    });
    const project = join(ws.dir, 'news');
    const io = captureIo(ws.dir);
    expect(await main(['init', 'news', '--hexo'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('wrote news/hexo/: a Hexo site for the posts');
    writeFileSync(join(project, 'broadsheet.yml'), readFileSync(join(project, 'broadsheet.yml'), 'utf8').replace('https://www.solidot.org/index.rss', `${feeds.url}/plain.rss`));
    expect(await main(['run', '-q'], captureIo(project, { RSSHUB_INSTANCE: feeds.url }))).toBe(0);
    hexoDir = join(project, 'hexo');
    await symlink(resolve('node_modules'), join(hexoDir, 'node_modules'), 'dir');
    const { default: Hexo } = await import('hexo');
    const hexo = new Hexo(hexoDir, { silent: true });
    const log = hexo.log as unknown as Record<string, (...a: unknown[]) => void>;
    for (const level of ['error', 'fatal', 'warn']) log[level] = (...a: unknown[]) => void errors.push(a.map(String).join(' '));
    await hexo.init();
    await hexo.call('generate', {});
    posts = hexo.locals.get('posts').toArray().map((p: { title: string; path: string; abbrlink: string; date: { toISOString(): string } }) => ({ title: p.title, path: p.path, abbrlink: p.abbrlink, date: p.date.toISOString() }));
    await hexo.exit();
  }, 180_000);
  afterAll(async () => {
    await feeds?.close();
    await ws?.cleanup();
  });

  it('builds every emitted post at its abbrlink permalink, without an error', () => {
    expect(errors).toEqual([]);
    const emitted = readdirSync(join(hexoDir, 'source/_posts'), { recursive: true }).filter((f) => String(f).endsWith('.md'));
    expect(posts).toHaveLength(emitted.length);
    expect(posts).toHaveLength(21);
    for (const p of posts) {
      expect(p.abbrlink).toMatch(/^[0-9a-f]{4,}$/);
      expect(p.path).toBe(`p/${p.abbrlink}.html`);
      expect(readFileSync(join(hexoDir, 'public', p.path), 'utf8')).toContain(`<h1>${p.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</h1>`);
    }
  });

  it('dates every post at the instant its feed gave (issue 20: timezone Asia/Shanghai put them 8 hours early)', () => {
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) expect({ title: p.title, date: p.date }).toEqual({ title: p.title, date: published.get(p.title) });
  });

  it('has category pages at three levels, the category tree, archives and an Atom feed', () => {
    const pub = join(hexoDir, 'public');
    for (const dir of ['categories/科技', 'categories/科技/36kr', 'categories/科技/36kr/快讯', 'categories/新闻/观察者网/头条', 'archives', 'archives/2026/11']) {
      expect(existsSync(join(pub, dir, 'index.html')), dir).toBe(true);
    }
    const leaf = readFileSync(join(pub, 'categories/科技/36kr/快讯/index.html'), 'utf8');
    // The reference format's titles: '/' is written as '_'.
    expect(leaf.match(/_36kr_newsflashes 新闻/g)).toHaveLength(3);
    expect(leaf).toContain('科技 › 36kr › 快讯 · 2026-11-01');
    expect(readFileSync(join(pub, 'categories/index.html'), 'utf8')).toMatch(/金色财经[\s\S]*快讯/);
    const atom = readFileSync(join(pub, 'atom.xml'), 'utf8');
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom.match(/<entry>/g)).toHaveLength(21);
  });
});
