import type { Config } from '../config/index.js';
import type { Source } from '../sources/index.js';
import type { HostGate } from '../fetch/index.js';
import type { SourceHealth, Store } from '../store/index.js';
import { grouped } from '../shared/index.js';
import { collectClaimed, groupedRecorder, isolated, type IngestDeps } from './ingest.js';
import { instanceRouter } from './instances.js';
import { leaseMsFor, releaseDeadClaims } from './claims.js';
import type { SourceOutcome } from './types.js';

export interface WorkerOptions {
  /** Claim until nothing is due, then return (fleets started by cron). */
  once?: boolean;
  /** Once aborted, nothing more is claimed; the sources in flight finish and are recorded. */
  stop?: AbortSignal;
  /** A source is due again this long after it was last attempted. */
  everyMs: number;
  /** How long a claim holds before another worker may take the source (default: from the fetch settings). */
  leaseMs?: number;
  /** How long to wait when nothing is due before asking again. */
  pollMs?: number;
  onSourceDone?: (o: SourceOutcome) => void;
}

export interface WorkerTotals {
  sources: number;
  failed: number;
  newItems: number;
  updatedItems: number;
}

/** Sleep that an abort ends early. */
const pause = (ms: number, stop?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    stop?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      stop?.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * One of any number of fetch workers sharing a store: it claims due sources in batches (the store's
 * claim is atomic and skips what others hold), collects and records them `fetch.concurrency` at a
 * time, and claims more as they finish. A killed worker's claims end with their lease (at once for
 * a dead process on the same machine). Publishing is the builder's (`build`, `hexo`).
 */
export async function runWorker(config: Config, sources: readonly Source[], deps: IngestDeps & { owner: string }, o: WorkerOptions): Promise<WorkerTotals> {
  const { store } = deps;
  await store.sources.sync(sources);
  // Read once: what other workers learn of an instance reaches this one through the store as its own claims fail or succeed.
  const instances = deps.instances ?? (await instanceRouter(config.rsshub, store));
  const byId = new Map(sources.map((s) => [s.id, s]));
  const ids = [...byId.keys()];
  const lease = { owner: deps.owner, ms: o.leaseMs ?? leaseMsFor(config.fetch) };
  const totals: WorkerTotals = { sources: 0, failed: 0, newItems: 0, updatedItems: 0 };
  const inFlight = new Set<Promise<void>>();
  // Sources this worker is fetching: its own lease would let it claim them again.
  const busy = new Set<string>();
  const record = deps.record ?? groupedRecorder(store);
  const start = (claimed: SourceHealth, known: () => Promise<ReadonlyMap<string, string>>): void => {
    const source = byId.get(claimed.sourceId)!;
    busy.add(source.id);
    const p = isolated(source, deps.owner, deps, () => collectClaimed(source, claimed, config, { ...deps, instances, record }, { known })).then((outcome) => {
      totals.sources++;
      totals.failed += outcome.status === 'failed' ? 1 : 0;
      totals.newItems += outcome.newItems;
      totals.updatedItems += outcome.updatedItems;
      o.onSourceDone?.(outcome);
    });
    inFlight.add(p);
    void p.finally(() => {
      inFlight.delete(p);
      busy.delete(source.id);
    });
  };
  let swept = 0;
  while (!o.stop?.aborted) {
    const now = deps.now();
    if (now.getTime() - swept > 10_000) {
      await releaseDeadClaims(store, now);
      swept = now.getTime();
    }
    const room = config.fetch.concurrency - inFlight.size;
    const claimed = room > 0 ? await store.sources.claimDue(now, room, lease, { ids: busy.size ? ids.filter((id) => !busy.has(id)) : ids, staleForMs: o.everyMs }) : [];
    if (claimed.length > 0) {
      // The claimed sources' entry fingerprints in one read (a source whose document comes compares with them).
      const hashes = store.items.entryHashes(claimed.map((c) => c.sourceId));
      hashes.catch(() => undefined); // a failed read fails each source that asks, in `isolated`
      for (const c of claimed) start(c, async () => (await hashes).get(c.sourceId)!);
    }
    if (inFlight.size > 0) await Promise.race(inFlight);
    else if (o.once) break;
    else await pause(o.pollMs ?? 5_000, o.stop);
  }
  await Promise.all(inFlight);
  return totals;
}

/**
 * The per-host limit across every worker: one of the host's `perHost` slots in the store, waited
 * for (briefly, with jitter) while all are held, given back after the request. Requests that ask
 * while the store is being asked go together in the next statement, and so do slots given back.
 */
export function storeHostGate(store: Store, perHost: number, owner: string, leaseMs: number, now: () => Date): HostGate {
  const take = grouped((hosts: string[]) => store.hosts.take(hosts, perHost, { owner, ms: leaseMs }, now()));
  const give = grouped(async (slots: Array<{ host: string; slot: number }>) => {
    await store.hosts.give(slots, owner);
    return slots.map(() => undefined);
  });
  return async (host) => {
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      const slot = await take(host);
      if (slot !== null) return () => give({ host, slot });
      await pause(wait / 2 + Math.random() * wait);
    }
  };
}
