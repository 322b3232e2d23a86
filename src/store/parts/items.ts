import type { ArticlePage, Item, SafeHtml } from '../../content/index.js';
import type { RetentionSettings } from '../../config/index.js';
import type { SourceNames } from '../../sources/index.js';

/** Where an item came from: a feed, or a post of the original system brought in by `import hexo`. */
export type ItemOrigin = 'feed' | 'import';

/** An item with what the store knows of it. */
export interface StoredItem extends Item {
  /** When a run first stored it; never moves. */
  firstSeenAt: string;
  /** When its content last changed. */
  updatedAt: string;
  /** `publishedAt`, else `firstSeenAt`: the order readers see (newest first). */
  sortAt: string;
  /** Grows whenever the item, its names or its list of carrying sources change (see `changes`). */
  seq: number;
  origin: ItemOrigin;
  /** The names of the owning source. */
  names: SourceNames;
  /** The owning source first, then other sources that carried the same canonical link. */
  sourceIds: string[];
  /** The rule that hides it from every output, or null. Lists, counts and `pending` leave hidden items out; `changes` and `byIds` give them (an output learns to take a page away). */
  hiddenBy: string | null;
  /** The story it reports (issue 23): its own id when it leads one, the first report's when it is another outlet's; null until grouped. */
  storyId: string | null;
}

/** A list entry: everything but the HTML body. */
export type ItemSummary = Omit<StoredItem, 'html'>;
/** Where an item stands in its lists and when it last changed, read without its text: a sitemap's lines, a page's bounds (a tenth of a summary's cost). */
export type ItemPlace = Pick<StoredItem, 'id' | 'sortAt' | 'updatedAt'>;
/** What a list's card shows of an item, and its story: half a summary's columns, and not the carriers' lookup. */
export type ItemCard = Pick<StoredItem, 'id' | 'title' | 'link' | 'publishedAt' | 'excerpt' | 'image' | 'sortAt' | 'names' | 'storyId'>;
export type ItemFields = 'place' | 'card' | 'summary' | 'full';
export type ItemOf<F extends ItemFields> = F extends 'full' ? StoredItem : F extends 'summary' ? ItemSummary : F extends 'card' ? ItemCard : ItemPlace;

/** Keyset position in newest-first order. */
export interface ItemCursor {
  sortAt: string;
  id: string;
}

/** Which items: by names and by `sortAt`. */
export interface ItemFilter {
  /** Only items whose `sortAt` is at or after this instant. */
  since?: string;
  /** Only items whose `sortAt` is before this instant. */
  until?: string;
  /** Only items newer than this one in newest-first order (a list page's place, counted from the newest). */
  newer?: ItemCursor;
  /** Only items strictly after (older than) this one: a page's `next`, where the next page starts. */
  after?: ItemCursor | null;
  category?: string;
  site?: string;
  channel?: string;
  /**
   * With names: only items whose owning source has them (an article's channel, for its newer / older
   * neighbours). Otherwise names select every item a source of those names carried, each once.
   */
  ownedOnly?: boolean;
  /** Each story once (`site.stories`): a later report of a story whose first report is shown is left out. */
  stories?: boolean;
}

export interface ItemQuery<F extends ItemFields> extends ItemFilter {
  fields: F;
  limit: number;
  /**
   * Oldest first: the oldest items of the filter (a list's lowest numbered pages). The next page is
   * asked with `newer` set to the previous page's `next`; `after` is not allowed with it.
   */
  oldestFirst?: boolean;
}

export interface ItemPage<T> {
  items: T[];
  /** Where the next page starts; null on the last page. */
  next: ItemCursor | null;
}

/** How many items the sources of one category / site / channel carried (each item once). */
export interface NameCount extends SourceNames {
  items: number;
}

/** Item counts at every level of names, each item counted once per level (one item may be carried in two channels). */
export interface NameCounts {
  channels: NameCount[];
  sites: Array<{ category: string; site: string; items: number }>;
  categories: Array<{ category: string; items: number }>;
  total: number;
}

export interface UpsertResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Items whose canonical link another source already brought: recorded on that story. */
  duplicates: string[];
  /** Items retention had removed that the feed lists again: stored again (among `created`) with their first sighting. */
  returned: string[];
}

/** An upsert's result with, for each item given, the id it is stored under (a story's, for a duplicate). */
export interface Upserted extends UpsertResult {
  storedAs: Map<string, string>;
}

/** A stored article and the page it came from. */
export interface StoredArticle {
  page: ArticlePage;
  html: SafeHtml;
  excerpt: string;
}

/** Stored stories, with the queries readers (the outputs) need; never "every item in memory". */
export interface ItemsPart {
  /** Items from outside a fetch (`import hexo`): stored like fetched ones, the source's health untouched. */
  importItems(sourceId: string, items: readonly Item[], at: Date, frontMatter: ReadonlyMap<string, string>): Promise<UpsertResult>;
  /** The front matter migrated posts had in the original system (by item id), for those that have one. */
  importedFrontMatter(itemIds: readonly string[]): Promise<Map<string, string>>;
  /** Every item that has such front matter (migrated posts are few, or none: a full build asks these, not every item). */
  importedIds(): Promise<string[]>;
  /** One page in newest-first order (`sortAt`, then id), by keyset: stable while items are added. */
  query<F extends ItemFields>(q: ItemQuery<F>): Promise<ItemPage<ItemOf<F>>>;
  byIds<F extends ItemFields>(ids: readonly string[], fields: F): Promise<Array<ItemOf<F>>>;
  /** Items with `seq` after the given one, in `seq` order: what changed since a reader last looked. */
  changes<F extends ItemFields>(afterSeq: number, limit: number, fields: F): Promise<Array<ItemOf<F>>>;
  /** Item counts per category / site / channel, under the names of every source that carried them (each story once, with `stories`). */
  counts(o?: Pick<ItemFilter, 'stories'>): Promise<NameCounts>;
  /** How many items a filter selects. */
  count(filter: ItemFilter): Promise<number>;
  /** Item counts per day (`YYYY-MM-DD` of `sortAt` shifted by `utcOffsetMinutes`), newest day first. */
  days(utcOffsetMinutes: number, o?: Pick<ItemFilter, 'stories'>): Promise<Array<{ day: string; items: number }>>;
  /** Items each source carried per day (`YYYY-MM-DD` of `sortAt` shifted by `utcOffsetMinutes`) since an instant: how often it publishes. */
  activity(since: string, utcOffsetMinutes: number): Promise<Array<{ sourceId: string; day: string; items: number }>>;
  /** Ids of the items retention removed after this change number (and that have not come back). */
  removedSince(afterSeq: number): Promise<string[]>;
  /** The highest `seq` given so far (0 for an empty store). */
  lastSeq(): Promise<number>;
  /** The article each of these items was last given from its page (`fullText`), with the page's validators; items whose body is the feed's are absent. */
  articles(itemIds: readonly string[]): Promise<Map<string, StoredArticle>>;
  /** Source id → (item id → fingerprint of the entry it was made from), for these sources' items, in one read. */
  entryHashes(sourceIds: readonly string[]): Promise<Map<string, Map<string, string>>>;
  /**
   * Apply retention: items first seen more than `days` ago, and each source's items past its newest
   * `perSource`, are removed, except what a source's latest document lists (a source never goes empty
   * while its feed lists items). Removed items leave tombstones that remember their first sighting:
   * listed again (a raised limit, say), they return with it.
   */
  prune(retention: RetentionSettings, now: Date): Promise<string[]>;
  /** Hide items (a rule's label) or show them again (null); each whose state changes gets a new `seq`, so outputs look at it. The ids changed. */
  setHidden(changes: ReadonlyMap<string, string | null>): Promise<string[]>;
  /** How many items each rule hides now. */
  hiddenCounts(): Promise<Map<string, number>>;
}
