import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { siteFixture, type SiteFixture } from '../helpers/site-fixture.js';

/** Issue 27: 4.5 headlines per 360×740 screen in the default view; the brief asks 6–8. */
describe.skipIf(!hasChromium)('a list on a 360×740 phone', () => {
  let fx: SiteFixture;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    fx = await siteFixture({ perPage: 30 });
    // Headlines as long as real ones: two lines on a phone.
    for (const items of fx.items) for (const [k, it] of items.entries()) items[k] = { ...it, title: `${it.title}：地方出台稳增长新措施` };
    expect((await fx.run()).code).toBe(0);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  /** Headlines wholly on screen, once the reader has scrolled past the page's heading to the first day. */
  const visible = () =>
    page.evaluate(() => {
      document.querySelector('h2.day')!.scrollIntoView();
      return Array.from(document.querySelectorAll('.card h3')).filter((h) => {
        const r = h.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }).length;
    });

  it('shows at least six headlines in the list view, and eight titles when only titles are shown', async () => {
    await page.goto(`${fx.url}`);
    const n = await visible();
    await page.screenshot({ path: 'test-artifacts/screenshots/density-list-mobile.png' });
    expect(n).toBeGreaterThanOrEqual(6);
    await page.click('#view'); // cards: excerpts and larger pictures
    expect(await page.locator('.card .excerpt').first().isVisible()).toBe(true);
    await page.click('#view'); // titles only
    expect(await visible()).toBeGreaterThanOrEqual(8);
    // The choice is remembered.
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains('compact'))).toBe(true);
  });
});

describe.skipIf(!hasChromium)('what a list says of itself (issue 27)', () => {
  let fx: SiteFixture;
  let browser: Browser;
  beforeAll(async () => {
    fx = await siteFixture({ perPage: 30 });
    // A title-only item (微博热搜 gives no more), beside articles of some length.
    fx.items[2]![0] = { ...fx.items[2]![0]!, title: '热搜：某地发布暴雨预警', description: '' };
    expect((await fx.run()).code).toBe(0);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('names today and yesterday, numbers the pages from the oldest, and does not repeat a channel\'s own name on its cards', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    // The newest items are of 27 November in Beijing time: the reader's clock says it is that afternoon.
    await page.clock.setFixedTime(new Date('2026-11-27T14:00:00+08:00'));
    await page.goto(fx.url);
    const days = await page.locator('h2.day').allTextContents();
    expect(days.slice(0, 3)).toEqual([expect.stringMatching(/^今天 · 2026年11月27日/), expect.stringMatching(/^昨天 · 2026年11月26日/), expect.stringMatching(/^2026年11月25日/)]);
    await page.goto(`${fx.url}page/1/`);
    expect(await page.textContent('.head .sub')).toBe('第 1 页');
    expect(await page.locator('nav.pages').textContent()).toMatch(/^\s*较新\s*最新\s*2\s*1\s*$/);
    await page.goto(`${fx.url}categories/${encodeURIComponent('新闻')}/${encodeURIComponent('新华社')}/${encodeURIComponent('国内')}/`);
    expect(await page.locator('.card').count()).toBe(7);
    expect(await page.locator('.card .src').count()).toBe(0);
    await page.goto(`${fx.url}categories/${encodeURIComponent('新闻')}/${encodeURIComponent('新华社')}/`);
    expect(new Set(await page.locator('.card .src').allTextContents())).toEqual(new Set(['国内', '国际']));
  });

  it('leads on to the original from an article that is only a title, and only from such', async () => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${fx.url}categories/${encodeURIComponent('新闻')}/${encodeURIComponent('人民网')}/`);
    await page.click('text=热搜：某地发布暴雨预警');
    expect(await page.textContent('.brief')).toMatch(/人民网 · 要闻\s*在原网站阅读全文 ↗/);
    expect(await page.getAttribute('.brief a.original', 'href')).toBe(fx.items[2]![0]!.link);
    await page.screenshot({ path: 'test-artifacts/screenshots/brief-mobile-light.png' });
    await page.goBack();
    await page.click('text=人民网要闻第2条');
    expect(await page.locator('.brief').count()).toBe(0);
  });
});
