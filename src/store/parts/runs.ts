export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  sources: number;
  failed: number;
  created: number;
  updated: number;
}

/** Who holds the run lock, since when, and until when unless renewed. */
export interface RunLock {
  owner: string;
  acquiredAt: string;
  expiresAt: string;
}

export interface RunsPart {
  record(run: RunRecord): Promise<void>;
  latest(): Promise<RunRecord | null>;
  /**
   * Take the lock one run (or build) at a time holds on the store, for `ms`, unless another owner
   * holds it unexpired; `takeOver` names a holder known to be dead, whose lock is taken anyway.
   * Returns null when taken, else the holder. Renewing is taking it again as its owner.
   */
  lock(owner: string, now: Date, ms: number, takeOver?: string): Promise<RunLock | null>;
  unlock(owner: string): Promise<void>;
}
