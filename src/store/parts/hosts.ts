import type { Lease } from './sources.js';

/**
 * Request slots per host shared by every process on the store: `fetch.perHost` holds across all
 * workers together. A slot is leased, so one held by a killed worker frees itself.
 */
export interface HostsPart {
  /** One of the host's `slots` slots (0 … slots − 1), leased to `lease.owner`; null while every one is held. */
  take(host: string, slots: number, lease: Lease, now: Date): Promise<number | null>;
  give(host: string, slot: number, owner: string): Promise<void>;
}
