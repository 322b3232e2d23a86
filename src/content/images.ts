import type { Entry } from '../feed/index.js';

/**
 * An absolute http(s) URL, normalised (quotes, parentheses and spaces percent-encoded), or null: what
 * reaches front matter, theme attributes and CSS `url()` can then never break out of them.
 */
export function webUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.replace(/[()'"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return null;
  }
}

/** First image of an item: an <img> in its content (found by scanHtml), else a media thumbnail, else an image enclosure. */
export function firstImage(contentImage: string | null, e: Pick<Entry, 'thumbnails' | 'enclosures'>): string | null {
  return (
    webUrl(contentImage) ??
    e.thumbnails.map(webUrl).find((u) => u !== null) ??
    e.enclosures.filter((x) => x.type?.startsWith('image/')).map((x) => webUrl(x.url)).find((u) => u !== null) ??
    null
  );
}
