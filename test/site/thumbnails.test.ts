import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thumbnailName } from '../../src/shared/index.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { siteFixture, type SiteFixture } from '../helpers/site-fixture.js';

/**
 * Issue 27: Weibo's picture host refuses a request without a Referer from weibo.com, WeChat's serves a
 * placeholder to other referrers, so `no-referrer` links no longer show them. `site.images: copy`
 * fetches the cards' pictures as the article's reader would (its page as Referer), makes them small,
 * serves them from the site, and removes what leaves the budget.
 */
describe('site.images: copy', () => {
  let fx: SiteFixture;
  let cdn: FeedServer;
  const jpeg = sharp({ create: { width: 1200, height: 675, channels: 3, background: '#c33' } }).jpeg().toBuffer();
  const thumbs = () => (existsSync(join(fx.out, 'thumbs')) ? readdirSync(join(fx.out, 'thumbs')).sort() : []);
  const cdnUrl = (k: number) => `${cdn.url}/mw690/${k}.jpg`;

  beforeAll(async () => {
    const picture = await jpeg;
    // Like sinaimg.cn: the picture only for a Referer from the article's site, 403 otherwise; one answer is an HTML page.
    cdn = await startFeedServer({
      '/mw690/': (req, res) => {
        if (req.url === '/mw690/6.jpg') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not a picture</html>');
        const fromArticle = (req.headers.referer ?? '').startsWith(`${fx.feeds.url}/original/`);
        res.writeHead(fromArticle ? 200 : 403, { 'content-type': 'image/jpeg' }).end(fromArticle ? picture : '');
      },
    });
    fx = await siteFixture({ perPage: 30, extraYaml: '  images: copy\n' });
    // 新华社/国内's seven items show the CDN's pictures; the others keep the fixture's SVGs.
    fx.items[0] = fx.items[0]!.map((it, k) => ({ ...it, description: `<p><img src="${cdnUrl(k)}"></p><p>${'正文。'.repeat(40)}</p>` }));
  }, 60_000);
  afterAll(async () => {
    await fx?.close();
    await cdn?.close();
  });

  it('serves each card\'s picture from the site, fetched with its article as Referer, as a 320×240 WebP', async () => {
    const r = await fx.run(['run']);
    expect(r.code).toBe(0);
    // 56 items with a picture, one of which is no picture.
    expect(r.stdout.join('\n')).toMatch(/thumbnails: 55 made, 1 could not be had; 55 kept, 0\.\d MB of the 200\.0 MB budget/);
    expect(cdn.requests.map((q) => q.headers.referer)).toEqual(expect.arrayContaining(fx.items[0]!.map((it) => it.link)));
    expect(cdn.requests.every((q) => q.headers.referer === fx.items[0]![Number(/(\d+)\.jpg/.exec(q.path)![1])]!.link)).toBe(true);
    const files = thumbs();
    expect(files).toHaveLength(55);
    expect(files).toContain(thumbnailName(cdnUrl(0)));
    expect(await sharp(readFileSync(join(fx.out, 'thumbs', thumbnailName(cdnUrl(0))))).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
    // The card names the thumbnail, with the picture's own address to fall back on.
    const list = readFileSync(join(fx.out, 'categories/新闻/新华社/国内/index.html'), 'utf8');
    expect(list).toContain(`src="/news/thumbs/${thumbnailName(cdnUrl(0))}" data-fallback="${cdnUrl(0)}"`);
    expect(list).toContain(`src="/news/thumbs/${thumbnailName(cdnUrl(6))}" data-fallback="${cdnUrl(6)}"`);
  });

  it('fetches nothing again on the next run, and on a fresh runner (empty folder) copies them back without fetching', async () => {
    const before = cdn.requests.length;
    expect((await fx.run(['run'])).code).toBe(0);
    expect(cdn.requests.length).toBe(before);
    const { rmSync } = await import('node:fs');
    rmSync(fx.out, { recursive: true });
    const r = await fx.run(['run']);
    expect(r.code).toBe(0);
    expect(cdn.requests.length).toBe(before);
    expect(thumbs()).toHaveLength(55);
  });

  it.skipIf(!hasChromium)('shows the picture\'s own address where no thumbnail could be made', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${fx.url}categories/${encodeURIComponent('新闻')}/${encodeURIComponent('新华社')}/${encodeURIComponent('国内')}/`);
      await page.waitForLoadState('networkidle');
      const srcs = await page.$$eval('.card .thumb img', (imgs) => imgs.map((i) => ({ src: (i as HTMLImageElement).currentSrc, shown: (i as HTMLImageElement).naturalWidth > 0 })));
      expect(srcs.filter((s) => s.src.includes('/thumbs/') && s.shown)).toHaveLength(6);
      // The one without a thumbnail fell back to the CDN (which, without a Referer, refuses it: hidden, not a broken icon).
      expect(srcs.filter((s) => s.src === cdnUrl(6))).toHaveLength(1);
      expect(await page.locator('.thumb.broken').count()).toBe(1);
    } finally {
      await browser.close();
    }
  });

  it('keeps within site.imagesBudget, newest first, and removes what falls out of it', async () => {
    const { statSync } = await import('node:fs');
    const total = thumbs().reduce((n, f) => n + statSync(join(fx.out, 'thumbs', f)).size, 0);
    writeFileSync(fx.config, readFileSync(fx.config, 'utf8').replace('  images: copy\n', `  images: copy\n  imagesBudget: ${Math.floor(total / 2)}\n`));
    const r = await fx.run(['run']);
    expect(r.code).toBe(0);
    const kept = Number(/; (\d+) kept, /.exec(r.stdout.join('\n'))![1]);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(55);
    // The newest item's picture stays; the oldest one's is gone, from the folder and from the site.
    expect(thumbs()).toContain(thumbnailName(fx.items[7]!.at(-1)!.description!.match(/src="([^"]+)"/)![1]!));
    expect(thumbs()).not.toContain(thumbnailName(cdnUrl(0)));
    expect(thumbs()).toHaveLength(kept);
    expect(readdirSync(join(fx.dir, 'thumbnails')).filter((f) => f.endsWith('.webp'))).toHaveLength(kept);
  });
});
