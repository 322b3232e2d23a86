import type { InstanceHealth, OutputCounts } from '../store/index.js';
import type { RulesReport } from './rules.js';
import type { StoriesReport } from './stories.js';

export type { OutputCounts };
import type { ThumbnailReport } from '../images/index.js';
import type { BroadsheetError } from '../shared/index.js';
import type { Source } from '../sources/index.js';
import type { CutField, Item } from '../content/index.js';
import type { FeedFormat } from '../feed/index.js';

export type SourceStatus = 'ok' | 'not-modified' | 'failed' | 'skipped';

/** What one source's refresh came to; a failure is a value here, never an exception. */
export interface SourceOutcome {
  source: Source;
  status: SourceStatus;
  /** Entries taken from the feed this run (after the per-source limit and duplicate ids). */
  seen: number;
  /**
   * Items made this run: the entries that are new or changed since the last run. A run empties it
   * once they are stored, so it never holds a run's bodies; `headlines` stays.
   */
  items: Item[];
  /** What the report lists of each item made this run. */
  headlines: Headline[];
  /** The ids of every entry the document listed (within the source's `items`): retention keeps them. */
  listed?: string[];
  /** Items whose fields were cut to the limits (content's `LIMITS`), said in the report. */
  cut?: Array<{ title: string; fields: CutField[] }>;
  /** Items stored for the first time in this run. */
  newItems: number;
  /** Stored items whose content changed in this run. */
  updatedItems: number;
  /** For a skipped source: when its back-off (or another process's claim) ends. */
  nextAttemptAt?: string;
  /** Skipped because it failed before and is waiting out its back-off: still a failing source. */
  backingOff?: true;
  /** Skipped because its last document is still fresh (the feed's `<ttl>`, the server's `max-age`): asking again would only fetch a cache. */
  fresh?: true;
  /** Skipped because every RSSHub instance is resting (its breaker open) until `nextAttemptAt`: not the route's failure. */
  instancesResting?: true;
  /** A failure's Retry-After, where longer than a run waits: the instance rests at least that long. */
  retryAfterMs?: number;
  /** `fullText` sources: articles read from their pages, pages unchanged since read (304: the stored article stays), and the items that kept the feed's content, with why. */
  fullText?: { read: number; unchanged: number; kept: Array<{ title: string; why: string }> };
  /** The RSSHub instance that served the route. */
  servedBy?: string;
  /** Skipped because the run was stopped (its deadline passed, or a signal) before its turn: it is due next run. */
  notStarted?: true;
  elapsedMs: number;
  /** Where this source's time went besides waiting on the network, in milliseconds (read and stored sources). */
  work?: { parseMs: number; sanitizeMs: number; normalizeMs: number; storeMs: number };
  attempts: number;
  httpStatus?: number;
  format?: FeedFormat;
  charset?: string;
  feedTitle?: string | null;
  error?: BroadsheetError;
}

export type Headline = Pick<Item, 'id' | 'title' | 'link' | 'publishedAt' | 'image'>;

/** What one output pass did: files created, updated, left unchanged and removed. */

/** Failed in this run, or failing and waiting out its back-off: what `--strict` and the summary count. */
export const isFailing = (o: Pick<SourceOutcome, 'status' | 'backingOff'>): boolean => o.status === 'failed' || o.backingOff === true;

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  outcomes: SourceOutcome[];
  /** What each output did with the store, by output name (`hexo`). */
  outputs: Record<string, OutputCounts>;
  pruned: number;
  /** Each RSSHub instance as the run leaves it (resting or well, its last error) and the routes it served. */
  instances?: Array<InstanceHealth & { served: number }>;
  /** What the rules hide now, per rule, and how many items this run hid or showed again. */
  rules?: RulesReport;
  /** Story grouping (`site.stories`): reports looked at, and how many joined another outlet's story. */
  stories?: StoriesReport;
  /** The site's thumbnails (`site.images: copy`): made, failed, left for the next run, kept against the budget. */
  thumbnails?: ThumbnailReport;
  /** Where the run's time went, in milliseconds (absent where nothing was timed). */
  phases?: RunPhases;
}

/**
 * Time per phase. Sources are read several at a time, so the per-source sums (fetch wait, parse,
 * sanitize, normalize, store) can add up to more than `ingestMs`, the wall time of that stage.
 */
export interface RunPhases {
  totalMs: number;
  ingestMs: number;
  fetchWaitMs: number;
  parseMs: number;
  sanitizeMs: number;
  normalizeMs: number;
  storeMs: number;
  retentionMs: number;
  /** Wall time of each output's pass, by output name. */
  outputsMs: Record<string, number>;
}
