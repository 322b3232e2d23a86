import type { Entry } from '../feed/index.js';
import { webUrl } from '../shared/index.js';


/** First image of an item: an <img> in its content (found by scanHtml), else a media thumbnail, else an image enclosure. */
export function firstImage(contentImage: string | null, e: Pick<Entry, 'thumbnails' | 'enclosures'>): string | null {
  return (
    webUrl(contentImage) ??
    e.thumbnails.map(webUrl).find((u) => u !== null) ??
    e.enclosures.filter((x) => x.type?.startsWith('image/')).map((x) => webUrl(x.url)).find((u) => u !== null) ??
    null
  );
}
