/// <reference lib="dom" />
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { rssFeed } from '../helpers/rss.js';
import { serveSite, type StaticServer } from '../helpers/static-server.js';
import { htmlFilesUnder } from '../helpers/site-crawl.js';
import { captureIo, tempDir, writeConfig } from '../helpers/workspace.js';
import { XSS_VECTORS } from '../fixtures/xss-vectors.js';

/** Names and titles that would break out of their HTML context if printed raw. */
const HOSTILE_NAMES = ['</title><script>__xss("title")</script>', '../../x', '"><img src=x onerror=__xss("attr")>', "'><svg onload=__xss('svg')>", '<a href="javascript:__xss(1)">链接</a>'];

describe.skipIf(!hasChromium)('a site built from hostile feeds', () => {
  let feeds: FeedServer;
  let site: StaticServer;
  let browser: Browser;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  const out = () => `${ws.dir}/public`;

  beforeAll(async () => {
    ws = await tempDir('broadsheet-hostile-');
    site = await serveSite(`${ws.dir}/public`, '/');
    const items = [
      ...XSS_VECTORS.map((v, i) => ({ title: `向量 ${v.name}`, guid: `v${i}`, link: `https://hostile.test/${i}`, pubDate: new Date(Date.UTC(2026, 10, 1, i)).toUTCString(), description: v.html })),
      ...HOSTILE_NAMES.map((t, i) => ({ title: t, guid: `t${i}`, link: i % 2 ? `javascript:__xss("link${i}")` : `data:text/html,<script>__xss(${i})</script>`, pubDate: new Date(Date.UTC(2026, 10, 2, i)).toUTCString(), description: `<p>正文</p><img src="https://img.test/a.png&quot; onerror=&quot;__xss('img')">` })),
    ];
    feeds = await startFeedServer(Object.fromEntries(HOSTILE_NAMES.map((_, i) => [`/h${i}`, (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(HOSTILE_NAMES[i]!, i === 0 ? items : items.slice(0, 3).map((x) => ({ ...x, guid: `${x.guid}-${i}`, link: `${x.link}-${i}` }))))])));
    const sources = HOSTILE_NAMES.map((n, i) => `  - route: /h${i}\n    category: ${JSON.stringify(n)}\n    site: ${JSON.stringify(HOSTILE_NAMES[(i + 1) % HOSTILE_NAMES.length])}\n    channel: ${JSON.stringify(HOSTILE_NAMES[(i + 2) % HOSTILE_NAMES.length])}\n`).join('');
    const config = await writeConfig(ws.dir, `rsshub:\n  instance: ${feeds.url}\nsources:\n${sources}hexo:\n  posts: posts\nstore:\n  path: state.db\nsite:\n  title: ${JSON.stringify(HOSTILE_NAMES[0])}\n  url: ${site.url}/\n`);
    expect(await main(['run', '-q', '-c', config], captureIo(ws.dir))).toBe(0);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await feeds?.close();
    await site?.close();
    await ws?.cleanup();
  });

  it('runs no injected script and goes nowhere on any page, even with its CSP switched off', async () => {
    // bypassCSP: the page's Content-Security-Policy would stop inline scripts; this checks the escaping and sanitizing behind it.
    const ctx = await browser.newContext({ bypassCSP: true });
    const hits: string[] = [];
    await ctx.exposeFunction('__xss', (name: unknown) => void hits.push(String(name)));
    const p = await ctx.newPage();
    p.on('dialog', (d) => {
      hits.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    const pages = htmlFilesUnder(out());
    expect(pages.length).toBeGreaterThan(40);
    for (const rel of pages) {
      const url = `${site.url}/${rel.replace(/index\.html$/, '')}`;
      await p.goto(url, { waitUntil: 'load' });
      for (const el of await p.$$('.prose a, .prose button, .prose summary, a.original')) await el.click({ timeout: 300, noWaitAfter: true, modifiers: ['Alt'] }).catch(() => undefined);
      await p.waitForTimeout(50);
      expect(decodeURIComponent(p.url()), rel).toBe(decodeURIComponent(url));
    }
    expect(hits).toEqual([]);
    await ctx.close();
  }, 180_000);

  it('keeps hostile names inside the site folder and never prints them as markup', async () => {
    // Nothing beside the config, the store, the posts and the site: no name reached out of its folder.
    const allowed = new Set(['broadsheet.yml', 'posts', 'public', 'state.db', 'state.db-shm', 'state.db-wal']);
    expect(readdirSync(ws.dir).filter((f) => !allowed.has(f))).toEqual([]);
    expect(readdirSync(join(ws.dir, 'public')).filter((f) => !/^(\.broadsheet-output\.json|404\.html|archives|assets|atom\.xml|categories|feed\.json|index\.html|p|page|rss\.xml|search|sitemap(-lists|-\d+)?\.xml|sources\.opml|status)$/.test(f))).toEqual([]);
    const p = await browser.newPage();
    await p.goto(`${site.url}/`);
    expect(await p.title()).toBe(HOSTILE_NAMES[0]);
    expect(await p.locator('script').count()).toBe(2); // the site's own two
    await p.close();
  });
});
