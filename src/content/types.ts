declare const sanitized: unique symbol;
/** HTML that went through sanitize(): outputs accept only this, never raw feed HTML. */
export type SafeHtml = string & { readonly [sanitized]: true };

/** What is stored and published: one story of one source. */
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
  contentHash: string;
  firstSeenAt: string;
  updatedAt: string;
}
