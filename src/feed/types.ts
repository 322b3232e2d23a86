export const FEED_FORMATS = ['rss', 'rdf', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

/** One item of a feed, in the feed's own terms; nothing invented, nothing sanitized yet. */
export interface Entry {
  /** Plain text. */
  title: string | null;
  /** Absolute where it could be resolved. */
  link: string | null;
  guid: string | null;
  publishedText: string | null;
  published: Date | null;
  updatedText: string | null;
  updated: Date | null;
  author: string | null;
  /** The richest body the feed gives, as HTML (not sanitized). */
  contentHtml: string | null;
  /** The short description, as HTML, where the feed gives one apart from the body. */
  summary: string | null;
  /** Base URL for relative links inside the content (xml:base, else the document URL). */
  baseUrl: string;
  enclosures: Enclosure[];
  thumbnails: string[];
  categories: string[];
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  /** RSS `<ttl>`: minutes the channel may be cached before it is asked for again (RSSHub writes its cache time). */
  ttlMinutes?: number;
  entries: Entry[];
}
