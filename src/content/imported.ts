import { truncateText } from '../shared/index.js';
import { parseFeedDate, scanHtml } from '../feed/index.js';
import { contentHash, EXCERPT_CHARS, itemId } from './normalize.js';
import { firstImage } from './images.js';
import { sanitizeKeepingEdges } from './sanitize.js';
import type { Item } from './types.js';

/** A post of the original system, as read from its file. */
export interface ImportedPost {
  sourceId: string;
  /** Stable identity within the imported tree (its path). */
  key: string;
  title: string;
  dateText: string | null;
  author: string | null;
  html: string;
  image: string | null;
}

/** An imported post → Item: the same rules as for feed entries (sanitized HTML, excerpt, id). */
export function itemFromPost(p: ImportedPost): Item {
  const html = sanitizeKeepingEdges(p.html, null);
  const published = parseFeedDate(p.dateText);
  const scan = scanHtml(html);
  return {
    id: itemId(p.sourceId, { guid: p.key, link: null, title: p.title, publishedText: p.dateText }),
    sourceId: p.sourceId,
    title: p.title,
    link: null,
    publishedAt: published ? published.toISOString() : null,
    dateText: p.dateText,
    author: p.author,
    html,
    excerpt: truncateText(scan.text, EXCERPT_CHARS),
    image: p.image ?? firstImage(scan.firstImage, { thumbnails: [], enclosures: [] }),
    categories: [],
    contentHash: contentHash(p.title, null, html),
    entryHash: null,
  };
}
