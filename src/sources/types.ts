export const SOURCE_KINDS = ['rsshub', 'feed', 'file'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where posts of a source are filed: the original system's category → site → channel. */
export interface SourceNames {
  category: string;
  site: string;
  channel: string;
}

export interface Source extends SourceNames {
  /** Stable slug: the RSSHub route, or a hash of the URL or file path. Never a row number. */
  id: string;
  /** What is fetched. For rsshub sources: instance + route, without any access key. For files: a file: URL. Never with credentials (see `options.auth`). */
  url: string;
  kind: SourceKind;
  options: {
    /** How many of the feed's first items are kept per run. */
    items: number;
    /** The RSSHub route, for rsshub sources. */
    route?: string;
    /** Line of the config entry, for error messages. */
    line?: number;
    /** HTTP basic auth for a private feed (from `auth:` or the URL's `user:password@`), sent to its origin only. */
    auth?: { user: string; password: string };
    /** The whole article from each item's page: `true` (Readability) or the CSS selector of its body. */
    fullText?: true | string;
  };
}

/** Supplies names for a route that the config leaves unnamed (the route catalog, later). */
export type NameLookup = (route: string) => Partial<SourceNames> | undefined;
