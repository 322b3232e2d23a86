import type { Entry } from '../feed/index.js';

/** First image of an item: an <img> in its content (found by scanHtml), else a media thumbnail, else an image enclosure. */
export function firstImage(contentImage: string | null, e: Pick<Entry, 'thumbnails' | 'enclosures'>): string | null {
  return (
    contentImage ??
    e.thumbnails.find((u) => /^https?:/i.test(u)) ??
    e.enclosures.find((x) => x.type?.startsWith('image/') && /^https?:/i.test(x.url))?.url ??
    null
  );
}
