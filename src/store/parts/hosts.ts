import type { Lease } from './sources.js';

/**
 * Request slots per host shared by every process on the store: `fetch.perHost` holds across all
 * workers together. A slot is leased, so one held by a killed worker frees itself.
 */
export interface HostsPart {
  /**
   * For each of `hosts` (a host may be asked for more than once), one of its `slots` slots (0 … slots − 1)
   * leased to `lease.owner`, or null where every one is held: all asked for in one statement.
   */
  take(hosts: readonly string[], slots: number, lease: Lease, now: Date): Promise<Array<number | null>>;
  /** Slots given back (those `owner` still holds), in one statement. */
  give(slots: ReadonlyArray<{ host: string; slot: number }>, owner: string): Promise<void>;
  /** Slots whose lease has not run out, and who holds them (a killed worker's are given back for it). */
  held(now: Date): Promise<Array<{ host: string; slot: number; owner: string }>>;
}
