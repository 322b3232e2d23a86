import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/index.js';

/** Who claims sources: host, process and a random part, so claims of a dead process can be told apart. */
export const claimOwner = (): string => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** A claim must outlive the slowest fetch (every retry at full deadline, Retry-After waits) before another may take it. */
export const leaseMsFor = (fetch: { timeoutMs: number; retries: number }): number => Math.max(5 * 60_000, (fetch.retries + 1) * (fetch.timeoutMs + 60_000));

/** Whether a process of this host exists (EPERM: it does, as another user's). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Release leases held by processes of this host that no longer exist (a run killed mid-fetch), so
 * the next run need not wait for their leases to expire. Claims of other hosts wait for expiry.
 */
export async function releaseDeadClaims(store: Store, now: Date): Promise<number> {
  let released = 0;
  for (const l of await store.sources.leases(now)) {
    const [host, pid] = l.owner.split(':');
    if (host === hostname() && Number(pid) !== process.pid && !alive(Number(pid))) {
      await store.sources.release(l.sourceId, l.owner);
      released++;
    }
  }
  return released;
}
