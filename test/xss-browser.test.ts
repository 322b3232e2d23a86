import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitize } from '../src/content/index.js';
import { XSS_VECTORS } from './fixtures/xss-vectors.js';
import { hasChromium, launchChromium } from './helpers/browser.js';

const page = (body: string): string => `<!doctype html><html><head><meta charset="utf-8"><script>window.hits=[];window.__xss=(n)=>window.hits.push(n);</script></head><body>${body}</body></html>`;

/** Loads the HTML, clicks everything clickable, and returns the names of vectors that ran. */
async function hitsOf(p: Page, body: string): Promise<string[]> {
  const dialogs: string[] = [];
  p.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await p.setContent(page(body), { waitUntil: 'load' });
  for (const el of await p.$$('a, button, summary')) await el.click({ timeout: 500, noWaitAfter: true }).catch(() => {});
  await p.waitForTimeout(300);
  const hits = await p.evaluate(() => (globalThis as unknown as { hits?: string[] }).hits ?? ['page replaced']);
  return [...hits, ...dialogs];
}

describe.skipIf(!hasChromium)('sanitized feed HTML in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());

  it('detects a vector that is not sanitized (the harness can fail)', async () => {
    const p = await browser.newPage();
    expect(await hitsOf(p, XSS_VECTORS.map((v) => v.html).join('\n'))).toContain('script');
    await p.close();
  });

  it('runs none of the vectors once sanitized', async () => {
    const p = await browser.newPage();
    const body = XSS_VECTORS.map((v) => `<section>${sanitize(v.html, 'https://news.example.com/a')}</section>`).join('\n');
    expect(await hitsOf(p, body)).toEqual([]);
    await p.close();
  });
});
