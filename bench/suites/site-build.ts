/**
 * Suite 4, site build yardstick: static site generators building the posts Broadsheet emits for N
 * items — Hexo 8 configured like the original site (per_page 100, category pages, search.xml, feed,
 * abbrlink) and Hugo (Debian's) where installed. Broadsheet's own site builder joins as one more
 * entry of CONTENDERS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { syncPosts } from '../../src/hexo/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { fillStore } from '../lib/items.js';
import { measure, type Measured } from '../lib/proc.js';
import { fmt, markdown } from '../lib/table.js';
import type { SuiteOptions } from './parse.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Contender {
  name: string;
  available: () => boolean;
  /** Lay out a site in `dir` around the emitted posts and build it; returns the measurement and the output folder. */
  build: (dir: string, posts: string, n: number) => Promise<{ run: Measured; out: string }>;
}

const HEXO_THEME: Record<string, string> = {
  'layout.ejs': '<!doctype html><html><head><meta charset="utf-8"><title><%= page.title || config.title %></title></head><body><%- body %></body></html>',
  'post.ejs': '<article><h1><%= page.title %></h1><% page.categories.each(function (c) { %><a href="<%- url_for(c.path) %>"><%= c.name %></a> <% }) %><div><%- page.content %></div></article>',
  'index.ejs': '<% page.posts.each(function (p) { %><p><a href="<%- url_for(p.path) %>"><%= p.title %></a></p><% }) %>',
  'category.ejs': '<h1><%= page.category %></h1><% page.posts.each(function (p) { %><p><a href="<%- url_for(p.path) %>"><%= p.title %></a></p><% }) %>',
  'archive.ejs': '<% page.posts.each(function (p) { %><p><a href="<%- url_for(p.path) %>"><%= p.title %></a></p><% }) %>',
};

const hexo: Contender = {
  name: 'Hexo 8',
  available: () => true,
  async build(dir, posts, n) {
    await mkdir(join(dir, 'themes/mini/layout'), { recursive: true });
    for (const [f, t] of Object.entries(HEXO_THEME)) await writeFile(join(dir, 'themes/mini/layout', f), t);
    await writeFile(join(dir, '_config.yml'), [
      'title: bench', 'url: http://example.com', 'permalink: p/:abbrlink.html', 'abbrlink:', '  alg: crc16', '  rep: hex',
      'theme: mini', 'per_page: 100', 'search:', '  path: search.xml', '  field: post', 'feed:', '  type: atom', '  path: atom.xml', '  limit: 20',
    ].join('\n'));
    const deps = ['hexo', 'hexo-renderer-marked', 'hexo-renderer-ejs', 'hexo-generator-category', 'hexo-generator-index', 'hexo-generator-archive', 'hexo-generator-search', 'hexo-generator-feed', 'hexo-abbrlink'];
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bench-site', private: true, hexo: { version: '8.1.2' }, dependencies: Object.fromEntries(deps.map((d) => [d, '*'])) }));
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await mkdir(join(dir, 'source'), { recursive: true });
    await symlink(posts, join(dir, 'source/_posts'), 'dir');
    const heapMb = n > 5000 ? 16384 : 4096;
    const script = "const Hexo=require('hexo');(async()=>{const h=new Hexo(process.cwd(),{silent:true});await h.init();await h.call('generate',{});await h.exit();})().catch(e=>{console.error(e);process.exit(1)})";
    return { run: await measure(process.execPath, [`--max-old-space-size=${heapMb}`, '-e', script], { cwd: dir }), out: join(dir, 'public') };
  },
};

const hugo: Contender = {
  name: 'Hugo',
  available: () => existsSync('/usr/bin/hugo'),
  async build(dir, posts) {
    await mkdir(join(dir, 'layouts/_default'), { recursive: true });
    await writeFile(join(dir, 'config.toml'), 'baseURL = "http://example.com/"\ntitle = "bench"\npaginate = 100\n[taxonomies]\ncategory = "categories"\n[markup.goldmark.renderer]\nunsafe = true\n');
    await writeFile(join(dir, 'layouts/_default/baseof.html'), '<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>');
    await writeFile(join(dir, 'layouts/_default/single.html'), '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ range .Params.categories }}<span>{{ . }}</span> {{ end }}<div>{{ .Content }}</div></article>{{ end }}');
    await writeFile(join(dir, 'layouts/_default/list.html'), '{{ define "main" }}{{ range .Paginator.Pages }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ end }}');
    // Hugo wants the front matter at the first byte: the reference format's leading newline is dropped.
    for (const f of await readdir(posts, { recursive: true })) {
      if (!f.endsWith('.md')) continue;
      const target = join(dir, 'content/posts', f);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, (await readFile(join(posts, f), 'utf8')).replace(/^\n/, ''));
    }
    return { run: await measure('/usr/bin/hugo', ['--quiet', '--destination', 'public'], { cwd: dir }), out: join(dir, 'public') };
  },
};

export const CONTENDERS: Contender[] = [hexo, hugo];

export async function outputSize(dir: string): Promise<{ pages: number; bytes: number }> {
  let pages = 0;
  let bytes = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    bytes += (await stat(join(e.parentPath, e.name))).size;
    if (e.name.endsWith('.html')) pages++;
  }
  return { pages, bytes };
}

export async function siteBuildSuite(o: SuiteOptions): Promise<string> {
  const sizes = o.quick ? [500] : o.big ? [1000, 5000, 20000] : [1000, 5000];
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-site-'));
    try {
      const store = openSqliteStore(join(dir, 's.db'));
      await fillStore(store, n);
      await syncPosts(store, { postsDir: join(dir, 'posts'), keepTitle: false, placeholder: 'https://picsum.photos/400/300?random={n}', abbrlink: true });
      await store.close();
      for (const c of CONTENDERS.filter((x) => x.available())) {
        const site = join(dir, c.name.replace(/\W+/g, '-'));
        await mkdir(site);
        const { run, out } = await c.build(site, join(dir, 'posts'), n);
        const size = await outputSize(out);
        rows.push([c.name, n, fmt(run.seconds, 1), run.maxRssMb === null ? '—' : fmt(run.maxRssMb, 0), size.pages, fmt(size.bytes / 2 ** 20, 1), fmt((run.seconds / size.pages) * 1000, 2)]);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const version = existsSync('/usr/bin/hugo') ? execFileSync('/usr/bin/hugo', ['version'], { encoding: 'utf8' }).split(' ').slice(0, 2).join(' ') : 'Hugo not installed';
  return `Site build yardstick (${version}; Hexo heap 4 GB, 16 GB above 5,000 posts)\n\n${markdown(['generator', 'posts', 'seconds', 'peak RSS MB', 'pages', 'MB written', 'ms per page'], rows)}`;
}
