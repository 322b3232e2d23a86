import type { BroadsheetError } from '../shared/index.js';
import type { Source } from '../sources/index.js';
import type { Item } from '../content/index.js';
import type { FeedFormat } from '../feed/index.js';

export type SourceStatus = 'ok' | 'not-modified' | 'failed' | 'skipped';

/** What one source's refresh came to; a failure is a value here, never an exception. */
export interface SourceOutcome {
  source: Source;
  status: SourceStatus;
  /** Entries taken from the feed this run (after the per-source limit and duplicate ids). */
  seen: number;
  /** Items made this run: the entries that are new or changed since the last run. */
  items: Item[];
  /** Items stored for the first time in this run. */
  newItems: number;
  /** Stored items whose content changed in this run. */
  updatedItems: number;
  /** For a skipped source: when its back-off ends. */
  nextAttemptAt?: string;
  elapsedMs: number;
  attempts: number;
  httpStatus?: number;
  format?: FeedFormat;
  charset?: string;
  feedTitle?: string | null;
  error?: BroadsheetError;
}

/** What one output pass did: files created, updated, left unchanged and removed. */
export interface OutputCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  outcomes: SourceOutcome[];
  /** What each output did with the store, by output name (`hexo`). */
  outputs: Record<string, OutputCounts>;
  pruned: number;
}
