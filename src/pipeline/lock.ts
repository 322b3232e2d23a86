import { hostname } from 'node:os';
import { BroadsheetError } from '../shared/index.js';
import type { Store } from '../store/index.js';
import { alive, claimOwner } from './claims.js';

/** The run lock's lease: renewed every quarter of it while the holder lives, so a killed holder blocks others this long at most. */
const LOCK_MS = 2 * 60_000;

/**
 * Runs `job` holding the store's run lock: one run or build at a time writes the outputs. A lock
 * held by a dead process of this host is taken over; one held by a live process (or another host,
 * until its lease ends) makes this fail with `store.busy`, saying who holds it since when.
 */
export async function withRunLock<T>(store: Store, now: () => Date, job: () => Promise<T>): Promise<T> {
  const owner = claimOwner();
  const holder = await store.runs.lock(owner, now(), LOCK_MS);
  if (holder) {
    const [host, pid] = holder.owner.split(':');
    const dead = host === hostname() && Number(pid) !== process.pid && !alive(Number(pid));
    if (!dead || (await store.runs.lock(owner, now(), LOCK_MS, holder.owner))) {
      throw new BroadsheetError('store.busy', `another Broadsheet run (process ${pid} on ${host}, since ${holder.acquiredAt}) is using this store; nothing was done: run again when it has finished`);
    }
  }
  const renew = setInterval(() => void store.runs.lock(owner, now(), LOCK_MS).catch(() => undefined), LOCK_MS / 4);
  renew.unref();
  try {
    return await job();
  } finally {
    clearInterval(renew);
    await store.runs.unlock(owner);
  }
}
