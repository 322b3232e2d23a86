import type { Item } from '../content/index.js';
import type { Source, SourceNames } from '../sources/index.js';
import type { HttpCache } from '../fetch/index.js';

/** Where an item came from: a feed, or a post of the original system brought in by `import hexo`. */
export type ItemOrigin = 'feed' | 'import';

/** What the store takes: an Item, and for imported posts their front matter. */
export type StorableItem = Item & { frontMatter?: string | null; entryHash?: string };

/** An item as the outputs read it: with the names of its source and every source that carried it. */
export interface StoredItem extends Item {
  origin: ItemOrigin;
  /** For an imported post: its front matter as it was written, re-emitted unchanged. */
  frontMatter: string | null;
  names: SourceNames;
  /** The owning source first, then other sources that carried the same canonical link. */
  sourceIds: string[];
}

export interface SourceError {
  code: string;
  status: number | null;
  message: string;
  at: string;
}

export interface SourceHealth extends SourceNames {
  sourceId: string;
  url: string;
  kind: Source['kind'];
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: SourceError | null;
  consecutiveFailures: number;
  itemsSeen: number;
  fetches: number;
  averageLatencyMs: number | null;
  /** Until when a failing source is left alone (back-off); null when it is due. */
  nextAttemptAt: string | null;
  cache: HttpCache;
}

export interface UpsertResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Items whose canonical link another source already brought: recorded on that story. */
  duplicates: string[];
  /** Items removed by retention earlier, not brought back. */
  tombstoned: string[];
}

/** What the Hexo output wrote for an item (the manifest): nothing outside it is ever touched. */
export interface PostRecord {
  itemId: string;
  relPath: string;
  contentHash: string;
}

export interface Retention {
  days?: number;
  perSource?: number;
}

export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  sources: number;
  failed: number;
  created: number;
  updated: number;
}

/** The only way outputs reach stored state. One implementation today (SQLite); the shape allows others. */
export interface Store {
  syncSources(sources: readonly Source[]): Promise<void>;
  health(): Promise<SourceHealth[]>;
  healthOf(sourceId: string): Promise<SourceHealth | undefined>;
  /** Items and the source's success, in one transaction. */
  recordSuccess(sourceId: string, items: readonly StorableItem[], o: { at: Date; latencyMs: number; cache: HttpCache; origin?: ItemOrigin }): Promise<UpsertResult>;
  /** Items from outside a fetch (`import hexo`): stored like fetched ones, the source's health untouched. */
  importItems(sourceId: string, items: readonly StorableItem[], at: Date): Promise<UpsertResult>;
  recordNotModified(sourceId: string, o: { at: Date; latencyMs: number; cache: HttpCache }): Promise<void>;
  recordFailure(sourceId: string, error: Omit<SourceError, 'at'>, o: { at: Date; latencyMs: number; nextAttemptAt: Date }): Promise<void>;
  items(): Promise<StoredItem[]>;
  /** Item id → fingerprint of the entry it was made from, for one source's items. */
  entryHashes(sourceId: string): Promise<Map<string, string>>;
  prune(retention: Retention, now: Date): Promise<string[]>;
  posts(): Promise<PostRecord[]>;
  savePost(post: PostRecord): Promise<void>;
  forgetPost(itemId: string): Promise<void>;
  /** A stable short link for the item, allocated once (collisions resolved) and remembered. */
  abbrlinks(itemIds: readonly string[]): Promise<Map<string, string>>;
  recordRun(run: RunRecord): Promise<void>;
  close(): Promise<void>;
}
