import type { SourceError } from './sources.js';

/** What runs and workers know of one RSSHub instance. */
export interface InstanceHealth {
  url: string;
  /** Failures in a row; a route it serves sets it back to 0. */
  failures: number;
  /** Left alone until then (its breaker is open); null when it may be asked. */
  openUntil: string | null;
  lastError: SourceError | null;
  lastOkAt: string | null;
}

/** RSSHub instances' health, shared by every process on the store. */
export interface InstancesPart {
  all(): Promise<InstanceHealth[]>;
  /** It served a route: well again. */
  recordOk(url: string, at: Date): Promise<void>;
  /** It failed; once its failures in a row reach `opensAfter`, it is left alone until `openUntil`. */
  recordFailure(url: string, error: Omit<SourceError, 'at'>, o: { at: Date; opensAfter: number; openUntil: Date }): Promise<InstanceHealth>;
}
