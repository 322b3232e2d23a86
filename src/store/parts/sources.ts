import type { Item } from '../../content/index.js';
import type { HttpCache } from '../../fetch/index.js';
import type { Source, SourceNames } from '../../sources/index.js';
import type { ErrorCode } from '../../shared/index.js';
import type { UpsertResult } from './items.js';

export interface SourceError {
  code: ErrorCode;
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

/** Who holds a claim and for how long: a claim not recorded by then may be taken by another claimant. */
export interface Lease {
  owner: string;
  ms: number;
}

export interface ClaimOptions {
  /** Only these sources (a `run` of the configured list); all known sources otherwise. */
  ids?: readonly string[];
  /** Take sources that are backing off too (`--force`); a live lease still wins. */
  force?: boolean;
  /** Only sources not attempted in the last this many milliseconds (a worker's refresh period). */
  staleForMs?: number;
}

export interface LeaseHeld {
  sourceId: string;
  owner: string;
  until: string;
}

export interface Timing {
  at: Date;
  latencyMs: number;
}

/** One source's result, for `record`. */
export type SourceRecord =
  | ({ kind: 'success'; sourceId: string; items: readonly Item[]; cache: HttpCache; listed?: readonly string[] } & Timing)
  | ({ kind: 'not-modified'; sourceId: string; cache: HttpCache } & Timing)
  | ({ kind: 'failure'; sourceId: string; error: Omit<SourceError, 'at'>; nextAttemptAt: Date } & Timing);

/** Sources as configured, their fetch state and health, and who is fetching them now. */
export interface SourcesPart {
  sync(sources: readonly Source[]): Promise<void>;
  all(): Promise<SourceHealth[]>;
  get(sourceId: string): Promise<SourceHealth | undefined>;
  /**
   * Atomically take up to `limit` sources that are due (not backing off) and not under another's live
   * lease, and lease them to `lease.owner`: two claimants never get the same source.
   */
  claimDue(now: Date, limit: number, lease: Lease, o?: ClaimOptions): Promise<SourceHealth[]>;
  leases(now: Date): Promise<LeaseHeld[]>;
  release(sourceId: string, owner: string): Promise<void>;
  /** Every claim `owner` still holds now lasts until `until` (a live worker's heartbeat); returns how many. */
  renew(owner: string, until: Date): Promise<number>;
  /**
   * Items and the source's success in one transaction; the lease ends. `listed`: the ids of every
   * entry the document listed (kept from retention), default the ids of `items`.
   */
  recordSuccess(sourceId: string, items: readonly Item[], o: Timing & { cache: HttpCache; listed?: readonly string[] }): Promise<UpsertResult>;
  recordNotModified(sourceId: string, o: Timing & { cache: HttpCache }): Promise<void>;
  recordFailure(sourceId: string, error: Omit<SourceError, 'at'>, o: Timing & { nextAttemptAt: Date }): Promise<void>;
  /**
   * Several sources' results in one transaction, as if recorded one after another in the order given
   * (a few statements for the lot: what a worker does with the sources that finished together);
   * each success's upsert result, null for the others. Each source's lease ends.
   */
  record(batch: readonly SourceRecord[]): Promise<Array<UpsertResult | null>>;
}
