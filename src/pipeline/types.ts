import type { BroadsheetError } from '../shared/index.js';
import type { Source } from '../sources/index.js';
import type { Item } from '../content/index.js';
import type { FeedFormat } from '../feed/index.js';

export type SourceStatus = 'ok' | 'not-modified' | 'failed';

/** What one source's refresh came to; a failure is a value here, never an exception. */
export interface SourceOutcome {
  source: Source;
  status: SourceStatus;
  items: Item[];
  /** Items whose post did not exist before this run (filled in once posts are written). */
  newItems: number;
  elapsedMs: number;
  attempts: number;
  httpStatus?: number;
  format?: FeedFormat;
  charset?: string;
  feedTitle?: string | null;
  error?: BroadsheetError;
}

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  outcomes: SourceOutcome[];
  posts: { created: number; updated: number; unchanged: number };
}
