import { htmlToText, nestsDeeperThan } from '../feed/index.js';
import { truncateText, xmlText } from '../shared/index.js';
import { EXCERPT_CHARS, withoutTitle } from './normalize.js';
import { sanitize } from './sanitize.js';
import type { Item } from './types.js';

/** Attributes where pages keep a picture's address until a script shows it (Chinese portals, WeChat, Zhihu). */
const LAZY = ['data-src', 'data-original', 'data-actualsrc', 'data-lazy-src', 'data-url'];

/** The article of an HTML page, sanitized, or why there is none. */
export type Extracted = { ok: true; html: string; text: string } | { ok: false; why: string };

/**
 * The article body of a page: the element a CSS selector names, or what Readability (Firefox's reader
 * view) finds, over linkedom's light DOM; lazy pictures get their real address first; then the same
 * sanitizer as every feed's content.
 */
export async function extractArticle(page: string, url: string, selector: true | string): Promise<Extracted> {
  if (nestsDeeperThan(page)) return { ok: false, why: 'the page nests too deep to read' };
  const dom = await (reader ??= loadReader());
  try {
    return extract(dom, page, url, selector);
  } catch (e) {
    // A page the DOM or Readability cannot walk costs its item only.
    return { ok: false, why: `the page could not be read (${(e as Error).message})` };
  }
}

/** The little of linkedom's DOM used here (the package builds without the DOM's types). */
interface PageElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  innerHTML: string;
}
interface PageDocument {
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  querySelector(selector: string): PageElement | null;
}

// The DOM and Readability are loaded with the first page: a tenth of a second of every start (and of
// every parse worker's) that only sources with fullText need.
type Reader = { parseHTML: typeof import('linkedom').parseHTML; Readability: typeof import('@mozilla/readability').Readability };
let reader: Promise<Reader> | null = null;
const loadReader = async (): Promise<Reader> => {
  const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')]);
  return { parseHTML, Readability };
};

function extract({ parseHTML, Readability }: Reader, page: string, url: string, selector: true | string): Extracted {
  const document = parseHTML(page).document as unknown as PageDocument;
  for (const img of Array.from(document.querySelectorAll('img'))) {
    const lazy = LAZY.map((a) => img.getAttribute(a)).find((v) => v && /^(https?:)?\/\//i.test(v.trim()));
    const src = img.getAttribute('src') ?? '';
    if (lazy && (!src || src.startsWith('data:') || /blank|placeholder|loading|grey|pixel/i.test(src))) img.setAttribute('src', lazy.trim());
  }
  let body: string | null;
  if (selector === true) {
    body = new Readability(document as never).parse()?.content ?? null;
  } else {
    try {
      body = document.querySelector(selector)?.innerHTML ?? null;
    } catch {
      return { ok: false, why: `${selector} is not a CSS selector` };
    }
    if (body === null) return { ok: false, why: `no element matches ${selector}` };
  }
  if (!body) return { ok: false, why: 'no article found on the page' };
  const html = sanitize(body, url);
  return { ok: true, html, text: htmlToText(html) };
}

/**
 * The item with its page's article, where that says more than the feed did; else the item as it came
 * and why. The identity and the content hash stay the feed's: the page is read again only when the
 * feed's entry changes.
 */
export function withArticle(item: Item, extracted: Extracted): { item: Item; kept: string | null } {
  if (!extracted.ok) return { item, kept: extracted.why };
  const feedText = htmlToText(item.html);
  if (extracted.text.length <= feedText.length) return { item, kept: `the page's article (${extracted.text.length} characters) is no longer than the feed's (${feedText.length})` };
  const excerpt = item.excerpt || xmlText(truncateText(withoutTitle(extracted.text, item.title), EXCERPT_CHARS));
  return { item: { ...item, html: extracted.html as Item['html'], excerpt }, kept: null };
}
