import type { CutField } from './limits.js';

declare const sanitized: unique symbol;
/** HTML that went through sanitize(): outputs accept only this, never raw feed HTML. */
export type SafeHtml = string & { readonly [sanitized]: true };

/** What content knows of one story of one source; the store adds when it saw it (StoredItem). */
/** An article page as last read: asked again with its validators ("changed since?"). */
export interface ArticlePage {
  url: string;
  etag: string | null;
  lastModified: string | null;
}

export interface Item {
  /** sha256 of source id + guid, else link, else title + date text. */
  id: string;
  sourceId: string;
  title: string;
  link: string | null;
  /** UTC instant (ISO 8601) the feed gives, or null: never invented. */
  publishedAt: string | null;
  /** The feed's own date text, as written. */
  dateText: string | null;
  author: string | null;
  html: SafeHtml;
  excerpt: string;
  image: string | null;
  categories: string[];
  /** What readers see changed: `contentHash()` of title, link and HTML. */
  contentHash: string;
  /** Fingerprint of the feed entry the item was made from (`entryHash()`); null when not from a feed. */
  entryHash: string | null;
  /** The article page the HTML was read from (`fullText`), with its validators; absent where the HTML is the feed's. */
  page?: ArticlePage;
  /** Fields normalizing cut to the limits (`LIMITS`), for the run report; not stored. */
  cut?: CutField[];
}
