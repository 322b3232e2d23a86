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
