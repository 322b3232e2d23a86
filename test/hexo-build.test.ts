import { existsSync, readFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { captureIo, tempDir } from './helpers/workspace.js';
import { filesUnder, noteMissingFixtures, sharedFixtures } from './helpers/fixtures.js';

const fixtures = sharedFixtures();
if (!fixtures) noteMissingFixtures();


/** What EJS's `<%= %>` writes. */
const ejsEscape = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);

const THEME: Record<string, string> = {
  'post.ejs': '<h1 class="post-title"><%= page.title %></h1>\n<ul class="cats"><% page.categories.sort("parent").each(function (c) { %><li><%= c.name %></li><% }) %></ul>\n<div class="body"><%- page.content %></div>\n',
  'index.ejs': '<% page.posts.each(function (p) { %><a href="<%- url_for(p.path) %>"><%= p.title %></a><% }) %>',
  'category.ejs': '<h1><%= page.category %></h1>',
  'archive.ejs': 'archive',
};

/** A Hexo 8 site like the original's (marked renderer, category pages) with a minimal EJS theme. */
async function makeSite(dir: string): Promise<void> {
  await mkdir(join(dir, 'themes/mini/layout'), { recursive: true });
  for (const [name, text] of Object.entries(THEME)) await writeFile(join(dir, 'themes/mini/layout', name), text);
  await writeFile(join(dir, '_config.yml'), 'title: test\nurl: http://example.com\npermalink: p/:title/\ntheme: mini\nper_page: 100\nrelative_link: false\n');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'site', private: true, hexo: { version: '8.1.2' }, dependencies: { hexo: '*', 'hexo-renderer-marked': '*', 'hexo-generator-category': '*', 'hexo-renderer-ejs': '*' } }));
  await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
}

describe.skipIf(!fixtures)('real Hexo over every fixture feed', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  const errors: string[] = [];
  let posts: Array<{ title: string; path: string; categories: string[]; source: string }> = [];
  let site = '';

  beforeAll(async () => {
    ws = await tempDir();
    site = join(ws.dir, 'site');
    await makeSite(site);
    const feeds = filesUnder(join(fixtures!, 'feeds')).filter((f) => /\.(xml|rss|atom|rdf|json)$/.test(f));
    const sources = feeds.map((f) => {
      const rel = relative(join(fixtures!, 'feeds'), f).split('/');
      return `  - file: ${JSON.stringify(f)}\n    category: ${JSON.stringify(rel[0])}\n    site: ${JSON.stringify(rel.slice(1, -1).join(' ') || rel[0])}\n    channel: ${JSON.stringify(rel.at(-1))}\n`;
    });
    await writeFile(join(ws.dir, 'broadsheet.yml'), `sources:\n${sources.join('')}hexo:\n  posts: site/source/_posts\n`);
    expect(await main(['run', '-q'], captureIo(ws.dir))).toBe(0);

    const { default: Hexo } = await import('hexo');
    const hexo = new Hexo(site, { silent: true });
    const log = hexo.log as unknown as Record<string, (...a: unknown[]) => void>;
    for (const level of ['error', 'fatal']) log[level] = (...a: unknown[]) => void errors.push(a.map(String).join(' '));
    await hexo.init();
    await hexo.call('generate', {});
    posts = hexo.locals.get('posts').toArray().map((p: { title: string; path: string; categories: { toArray(): Array<{ name: string; parent?: string }> }; source: string }) => ({
      title: p.title,
      path: p.path,
      source: p.source,
      categories: p.categories.toArray().map((c) => c.name),
    }));
    await hexo.exit();
  }, 600_000);

  afterAll(async () => { if (!process.env.KEEP_SITE) await ws?.cleanup(); else console.log(ws.dir); });

  it('builds without an error, loading exactly the posts emitted', () => {
    expect(errors).toEqual([]);
    console.log(`hexo built ${posts.length} posts`);
    const emitted = filesUnder(join(site, 'source/_posts')).filter((f) => f.endsWith('.md')).map((f) => relative(join(site, 'source'), f)).sort();
    expect(emitted.length).toBeGreaterThan(500);
    expect(posts.map((p) => p.source).sort()).toEqual(emitted);
  });

  it('gives each post a page with its title and three-level categories', () => {
    expect(posts.length).toBeGreaterThan(500);
    const missing: string[] = [];
    for (const p of posts) {
      const page = join(site, 'public', p.path, p.path.endsWith('/') ? 'index.html' : '');
      const html = existsSync(page) ? readFileSync(page, 'utf8') : '';
      const [category, siteName, channel] = p.source.replace(/^_posts\//, '').split('/');
      const ok =
        html.includes(`<h1 class="post-title">${ejsEscape(p.title)}</h1>`) &&
        p.categories.length === 3 &&
        [category, siteName, channel].every((c) => html.includes(`<li>${ejsEscape(c!)}</li>`));
      if (!ok) missing.push(`${p.source} (${p.categories.join(' / ')})`);
    }
    expect(missing).toEqual([]);
  });
});
