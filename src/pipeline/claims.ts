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

/** Whether `owner` names a process of this machine, not this one, that no longer exists. */
function dead(owner: string): boolean {
  const [host, pid] = owner.split(':');
  return host === hostname() && Number(pid) !== process.pid && !alive(Number(pid));
}

/**
 * Release leases held by processes of this host that no longer exist (a run killed mid-fetch), so
 * the next run need not wait for their leases to expire: their sources, and their hosts' request
 * slots (held till expiry, a dead worker's slots would stall every source of those hosts, and the
 * claims of those sources could run out while they wait). Claims of other hosts wait for expiry.
 */
export async function releaseDeadClaims(store: Store, now: Date): Promise<number> {
  let released = 0;
  for (const l of await store.sources.leases(now)) {
    if (dead(l.owner)) {
      await store.sources.release(l.sourceId, l.owner);
      released++;
    }
  }
  const slots = new Map<string, Array<{ host: string; slot: number }>>();
  for (const s of await store.hosts.held(now)) if (dead(s.owner)) (slots.get(s.owner) ?? slots.set(s.owner, []).get(s.owner)!).push(s);
  for (const [owner, held] of slots) await store.hosts.give(held, owner);
  return released;
}
