import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeAndScan } from '../src/content/index.js';
import { decodeFeed } from '../src/fetch/index.js';
import { parseFeed } from '../src/feed/index.js';
import { htmlToText, scanHtml } from '../src/feed/index.js';
import { XSS_VECTORS } from './fixtures/xss-vectors.js';
import { filesUnder, noteMissingFixtures, sharedFixtures } from './helpers/fixtures.js';
import { referenceSanitize } from './helpers/sanitize-html-reference.js';

/**
 * Broadsheet's one-pass sanitizer against sanitize-html run with the same policy: the same bytes
 * out, and the text, input text and first picture of the one pass equal to what separate passes
 * over the output and the input give (so items come out as they did).
 */
function expectSameAsReference(body: string, base: string | null): void {
  const one = sanitizeAndScan(body, base);
  expect(one.html).toBe(referenceSanitize(body, base));
  const scanned = scanHtml(one.html);
  expect(one.text).toBe(scanned.text);
  expect(one.firstImage).toBe(scanned.firstImage);
  expect(one.inputText).toBe(htmlToText(body));
}

const root = sharedFixtures();
if (!root) noteMissingFixtures();

/** Every HTML body of every feed of the shared corpus, with the base it is read against. */
function corpusBodies(dir: string): { file: string; body: string; base: string | null }[] {
  const bodies: { file: string; body: string; base: string | null }[] = [];
  for (const file of filesUnder(dir).filter((f) => /\.(xml|rss|atom|rdf|json)$/.test(f))) {
    const parsed = parseFeed(decodeFeed(readFileSync(file)).text, `http://127.0.0.1:8097/${file.slice(dir.length + 1)}`);
    if (parsed instanceof Error) continue;
    for (const e of parsed.entries) for (const body of [e.contentHtml, e.summary]) if (body) bodies.push({ file, body, base: e.baseUrl });
  }
  return bodies;
}

describe('the one-pass sanitizer', () => {
  it.each(XSS_VECTORS)('writes what sanitize-html writes for $name', ({ html }) => {
    expectSameAsReference(html, 'https://news.example.com/a/1.html');
  });

  it('writes what sanitize-html writes for any markup', () => {
    const piece = fc.constantFrom('<', '>', '"', "'", '=', ' ', '/', '&amp;', '&#', ';', 'img', 'src', 'data-src', 'srcset', 'a', 'href', 'rel', 'opener', 'iframe', 'https://www.youtube.com/e', 'https://evil.test/', 'style', 'color:red', 'margin:-9px', 'script', 'textarea', 'option', 'p', 'li', 'br', 'alt', 'controls', 'x', '1x,', '//h/', 'data:image/png;', 'javascript:', '<!--', '-->', '中文');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 60 }).map((p) => p.join(''))), fc.constantFrom('https://news.example.com/a/1.html', null), (html, base) => {
        expectSameAsReference(html, base);
      }),
      { numRuns: 5000 },
    );
  });

  it.skipIf(!root)('writes what sanitize-html writes for every body of the shared corpus', () => {
    const bodies = corpusBodies(join(root!, 'feeds'));
    for (const { file, body, base } of bodies) {
      try {
        expectSameAsReference(body, base);
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message.slice(0, 2000)}`);
      }
    }
    console.log(`sanitizer differential: ${bodies.length} bodies, all the same as sanitize-html`);
    expect(bodies.length).toBeGreaterThan(3000);
  });
});
