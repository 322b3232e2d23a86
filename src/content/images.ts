import { Parser } from 'htmlparser2';
import type { Entry } from '../feed/index.js';
import type { SafeHtml } from './types.js';

function firstImgSrc(html: string): string | null {
  let found: string | null = null;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (found === null && name === 'img' && attribs.src && /^https?:/i.test(attribs.src)) {
        found = attribs.src;
        parser.pause(); // first match is all we need
      }
    },
  });
  parser.end(html);
  return found;
}

/** First image of an item: an <img> in its content, else a media thumbnail, else an image enclosure. */
export function firstImage(html: SafeHtml, e: Pick<Entry, 'thumbnails' | 'enclosures'>): string | null {
  return (
    firstImgSrc(html) ??
    e.thumbnails.find((u) => /^https?:/i.test(u)) ??
    e.enclosures.find((x) => x.type?.startsWith('image/') && /^https?:/i.test(x.url))?.url ??
    null
  );
}
