/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { oneHtmlBlock } from '../src/hexo/post.js';
import { hasChromium, launchChromium } from './helpers/browser.js';
import { captureIo, tempDir } from './helpers/workspace.js';

// Bodies that pass the sanitizer as text, and that Markdown would turn into live links once an HTML block ends.
const VECTORS = [
  '<p>para</p>\n\n[md link](javascript:alert(25))',
  '<p>para</p>\n   \n[ref link][x]\n\n[x]: javascript:alert(26)',
  '<p>a</p>\r\n\r\n<https://example.com/auto> and [y](vbscript:msgbox(27))',
  '\n\n[first](javascript:alert(28))',
  '<pre>line 1\n\n\nline 4</pre>\n\n*emphasis* <b>bold</b>',
];

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Every link target and event handler in a page. */
function liveParts(html: string): string[] {
  const found: string[] = [];
  const p = new Parser({
    onopentag(name, attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (/^on/i.test(k)) found.push(`${name} ${k}`);
        if ((k === 'href' || k === 'src') && /^\s*(javascript|vbscript|data):/i.test(v)) found.push(`${name} ${k}=${v}`);
      }
      if (name === 'em') found.push('em');
    },
  });
  p.write(html);
  p.end();
  return found;
}

describe('posts stay one HTML block: Markdown never reads a body', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  const pages: Array<{ title: string; html: string; file: string }> = [];

  beforeAll(async () => {
    ws = await tempDir('broadsheet-markdown-');
    const items = VECTORS.map((body, i) => `<item><title>向量 ${i}</title><guid>v${i}</guid><link>https://example.com/v${i}</link><pubDate>${new Date(Date.UTC(2026, 10, 1, i)).toUTCString()}</pubDate><description>${escapeXml(body)}</description></item>`).join('');
    await writeFile(join(ws.dir, 'feed.xml'), `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.com/</link>${items}</channel></rss>`);
    await writeFile(join(ws.dir, 'broadsheet.yml'), `sources:\n  - file: feed.xml\n    category: 测试\n    site: 站\n    channel: 频道\nhexo:\n  posts: site/source/_posts\n`);
    expect(await main(['run', '-q'], captureIo(ws.dir))).toBe(0);
    const site = join(ws.dir, 'site');
    await mkdir(join(site, 'themes/mini/layout'), { recursive: true });
    await writeFile(join(site, 'themes/mini/layout/post.ejs'), '<h1><%= page.title %></h1>\n<div class="body"><%- page.content %></div>\n');
    await writeFile(join(site, 'themes/mini/layout/index.ejs'), 'index');
    await writeFile(join(site, '_config.yml'), 'title: t\nurl: http://example.com\npermalink: p/:title/\ntheme: mini\n');
    await writeFile(join(site, 'package.json'), JSON.stringify({ name: 's', private: true, hexo: { version: '8.1.2' }, dependencies: { hexo: '*', 'hexo-renderer-marked': '*', 'hexo-renderer-ejs': '*' } }));
    await symlink(resolve('node_modules'), join(site, 'node_modules'), 'dir');
    const { default: Hexo } = await import('hexo');
    const hexo = new Hexo(site, { silent: true });
    await hexo.init();
    await hexo.call('generate', {});
    for (const p of hexo.locals.get('posts').toArray() as Array<{ title: string; path: string }>) {
      const file = join(site, 'public', p.path, 'index.html');
      pages.push({ title: p.title, html: readFileSync(file, 'utf8'), file });
    }
    await hexo.exit();
  }, 120_000);
  afterAll(() => ws?.cleanup());

  it('writes a blank line of a body as a character reference, keeping every character', () => {
    expect(oneHtmlBlock('a\n\nb')).toBe('a\n&#10;b');
    expect(oneHtmlBlock('a\n \t\n\nb')).toBe('a\n \t&#10;\nb');
    expect(oneHtmlBlock('\n\nx')).toBe('&#10;\nx');
    expect(oneHtmlBlock('a\r\n\r\nb\rc')).toBe('a\n&#10;b\nc');
    expect(oneHtmlBlock('<p>one line</p>')).toBe('<p>one line</p>');
  });

  it('leaves no live javascript:, vbscript: or data: link, handler or Markdown markup in what real Hexo builds', () => {
    expect(pages).toHaveLength(VECTORS.length);
    for (const p of pages) expect({ title: p.title, live: liveParts(p.html) }).toEqual({ title: p.title, live: [] });
  });

  it.skipIf(!hasChromium)('has nothing a reader could click into script, in Chromium', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      for (const p of pages) {
        await page.goto(`file://${p.file}`);
        const live = await page.evaluate(() => Array.from(document.querySelectorAll('a[href], [onclick], [onerror]')).map((a) => a.getAttribute('href') ?? a.outerHTML).filter((h) => !/^https?:/.test(h)));
        expect({ title: p.title, live }).toEqual({ title: p.title, live: [] });
      }
      // The blank lines of a <pre> are still there.
      await page.goto(`file://${pages.find((p) => p.title === '向量 4')!.file}`);
      expect(await page.evaluate(() => document.querySelector('pre')?.textContent ?? '')).toBe('line 1\n\n\nline 4');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
