/** One route of the RSSHub catalog, whatever format it was read from. */
export interface CatalogEntry {
  /** Category key, e.g. `new-media`. */
  categoryKey: string;
  category: { zh: string; en: string };
  site: string;
  channel: string;
  /** The route to fetch: the docs' example (as the original system used), else the path pattern. */
  route: string;
  example: string | null;
  /** Koa-style pattern, e.g. `/36kr/news/:caty`. */
  path: string | null;
  parameters: Record<string, string>;
  description: string;
  namespace: string;
  /** The site's web address, where the catalog gives one. */
  siteUrl: string | null;
  /** Other names of the site and channel (English where the names above are Chinese), for search. */
  aliases: string[];
}

export interface Catalog {
  /** Where it was read from (URL, file or folder) and when. */
  source: string;
  readAt: string;
  /** The catalog shipped in the package, not one read from the user's instance. */
  shipped?: boolean;
  entries: CatalogEntry[];
}
