import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadTheme } from './theme.js';
import { pageLinks, utcOffsetMinutes } from './model.js';
import { sitePaths, slugOf } from './paths.js';
import { articleHtml } from './article-html.js';
import type { SafeHtml } from '../content/index.js';

describe('slugOf', () => {
  it.each([
    ['Aljazeera 半岛网', 'Aljazeera-半岛网'],
    ['IT 之家', 'IT-之家'],
    ['新媒体', '新媒体'],
    ['../../x', 'x'],
    ['a/b\\c:d', 'a-b-c-d'],
    ['CON', 'CON_'],
    ['100% 纯#', '100-纯'],
    ['...', 'x'],
  ])('makes %j a safe, readable segment', (name, slug) => expect(slugOf(name)).toBe(slug));
});

describe('sitePaths', () => {
  it('keeps a sub-path and encodes each segment', () => {
    const p = sitePaths('https://user.github.io/news/');
    expect(p.href('index.html')).toBe('/news/');
    expect(p.href('categories/新闻/page/2/index.html')).toBe(`/news/categories/${encodeURIComponent('新闻')}/page/2/`);
    expect(p.href('atom.xml')).toBe('/news/atom.xml');
    expect(p.absolute('p/abc/index.html')).toBe('https://user.github.io/news/p/abc/');
  });

  it('encodes every segment that needs it, and only those, whichever path it takes', () => {
    const p = sitePaths('https://user.github.io/news/');
    for (const rel of ['p/0a1b2c3d4e5f.html', 'a_b/c-d/e.f~g/index.html', 'myindex.html', 'x/index.html.bak', 'a b/c', "it's/(1)", '100%/x?y#z', 'a!b*c/d', '新闻/日本/index.html', 'café/x.html', '']) {
      const r = rel.replace(/(^|\/)index\.html$/, '$1');
      expect(p.href(rel)).toBe(`/news/${r.split('/').map(encodeURIComponent).join('/')}`);
    }
    expect(p.href('a b/c')).toBe('/news/a%20b/c');
    expect(p.href('myindex.html')).toBe('/news/myindex.html');
  });
});

describe('pageLinks', () => {
  const paths = sitePaths('http://x/');
  const shown = (l: ReturnType<typeof pageLinks>) => l.numbers.map((n) => ('gap' in n ? '…' : n.current ? `[${n.label}]` : n.label)).join(' ');
  it('numbers pages from the oldest: the newest first, two either side, the lowest on the first page only, never the highest number', () => {
    const l = pageLinks('', 7, 20, paths, '最新');
    expect(shown(l)).toBe('最新 … 9 8 [7] 6 5 …');
    expect([l.prev, l.next]).toEqual(['/page/8/', '/page/6/']);
    // Page 7 reads the same whatever the highest number is: a new page leaves it alone.
    expect(pageLinks('', 7, 21, paths, '最新')).toEqual({ ...l, total: 21 });
    expect(shown(pageLinks('', null, 20, paths, '最新'))).toBe('[最新] 19 18 … 1');
    expect(pageLinks('', null, 20, paths, '最新')).toMatchObject({ prev: null, next: '/page/19/' });
    expect(pageLinks('', 1, 3, paths, '最新')).toMatchObject({ prev: '/page/2/', next: null });
    // The newest numbered page leads up to the list's first page.
    expect(pageLinks('', 2, 2, paths, '最新')).toMatchObject({ prev: '/', next: '/page/1/' });
    expect(shown(pageLinks('', 2, 2, paths, '最新'))).toBe('最新 [2] 1');
    // Retention took the items of pages 1 to 4: page 5 is the lowest, and the oldest has no older link.
    expect(shown(pageLinks('', null, 20, paths, '最新', 5))).toBe('[最新] 19 18 … 5');
    expect(shown(pageLinks('', 6, 20, paths, '最新', 5))).toBe('最新 … 8 7 [6] 5');
    expect(pageLinks('', 5, 20, paths, '最新', 5)).toMatchObject({ prev: '/page/6/', next: null });
    // Page 9 reads the same whether the lowest is 1 or 5.
    expect(pageLinks('', 9, 20, paths, '最新', 5)).toEqual(pageLinks('', 9, 20, paths, '最新'));
  });
});

describe('utcOffsetMinutes', () => {
  it('reads the zone at the given instant, DST included', () => {
    expect(utcOffsetMinutes('Asia/Shanghai', new Date('2026-07-01T00:00:00Z'))).toBe(480);
    expect(utcOffsetMinutes('UTC', new Date('2026-07-01T00:00:00Z'))).toBe(0);
    expect(utcOffsetMinutes('America/New_York', new Date('2026-07-01T12:00:00Z'))).toBe(-240);
    expect(utcOffsetMinutes('America/New_York', new Date('2026-01-01T12:00:00Z'))).toBe(-300);
  });
});

describe('the theme', () => {
  it('keeps CSS under 25 KB and JS under 15 KB gzipped, fingerprinted', () => {
    const t = loadTheme(undefined);
    const gz = (name: string) => gzipSync(t.assets.get(name)!.bytes).length;
    expect(gz('site.css')).toBeLessThan(25 * 1024);
    expect(gz('site.js') + gz('boot.js')).toBeLessThan(15 * 1024);
    expect(t.assets.get('site.css')!.rel).toMatch(/^assets\/site\.[0-9a-f]{10}\.css$/);
  });

  it('lets a theme folder override one template and one asset, file by file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-theme-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'templates'), { recursive: true });
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'templates/404.eta'), '<% layout("@layout") %><p>自定义 404</p>');
    writeFileSync(join(dir, 'assets/site.css'), 'body { color: red }');
    const base = loadTheme(undefined);
    const t = loadTheme(dir);
    expect(t.templates.get('404')).toContain('自定义 404');
    expect(t.templates.get('article')).toBe(base.templates.get('article'));
    expect(t.assets.get('site.css')!.bytes.toString()).toBe('body { color: red }');
    expect(t.assets.get('site.js')!.bytes).toEqual(base.assets.get('site.js')!.bytes);
    expect(t.fingerprint).not.toBe(base.fingerprint);
    expect(readFileSync(join(dir, 'templates/404.eta'), 'utf8')).toContain('自定义');
  });
});

describe('articleHtml', () => {
  it('prefixes ids and names (and in-page links to them) and drops data-* attributes, leaving text alone', () => {
    const html = '<h2 id="search-form" data-module="/x.js">标题</h2><p>见 <a href="#search-form">上文</a> 与 <a href="https://e.com/#top" name="theme">外链</a>，id="x" 是文字</p><img src="https://e.com/a.png" data-src="b.png" />' as SafeHtml;
    expect(articleHtml(html)).toBe('<h2 id="u-search-form">标题</h2><p>见 <a href="#u-search-form">上文</a> 与 <a href="https://e.com/#top" name="u-theme">外链</a>，id="x" 是文字</p><img src="https://e.com/a.png" alt="" />');
  });

  it('writes what the Nu Html Checker accepts (issue 27): alt, boolean attributes, digit sizes, links, brackets, heading levels', () => {
    const html = ('<h4>小节</h4><p>一</p><h1>大标题</h1><h5>深</h5><h3>回</h3>' +
      '<iframe src="https://player.bilibili.com/p?a=1" width="600px" height="auto" allowfullscreen="true"></iframe>' +
      '<a target="_blank" rel="noopener" name="n">无链接</a><a href="https://apps.apple.com/x?p=ipad]%28y" target="_blank">有</a>' +
      '<img src="https://e.com/a.png" alt="图" width="120" />') as SafeHtml;
    expect(articleHtml(html)).toBe(
      '<h2>小节</h2><p>一</p><h2>大标题</h2><h3>深</h3><h3>回</h3>' +
        '<iframe src="https://player.bilibili.com/p?a=1" width="600" allowfullscreen></iframe>' +
        '<a name="u-n">无链接</a><a href="https://apps.apple.com/x?p=ipad%5D%28y" target="_blank">有</a>' +
        '<img src="https://e.com/a.png" alt="图" width="120" />',
    );
  });
});
