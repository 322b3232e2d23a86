import type { Config } from '../config/index.js';
import type { Source } from '../sources/index.js';
import type { HostGate } from '../fetch/index.js';
import type { SourceHealth, Store } from '../store/index.js';
import { grouped } from '../shared/index.js';
import { collectFor, groupedRecorder, isolated, recordCollected, type IngestDeps } from './ingest.js';
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

/** How often this worker's claims are renewed and dead workers' (of this machine) given back, at most: a third of the lease when that is shorter. */
const SWEEP_MS = 10_000;

/** The most results waiting to be recorded before fetching pauses (their items are held in memory till then). */
const RECORDS_AHEAD = 4;

/**
 * One of any number of fetch workers sharing a store: it claims due sources ahead in batches (the
 * store's claim is atomic and skips what others hold), fetches them `fetch.concurrency` at a time and
 * records what finishes together in one transaction, waiting a moment for company (a few statements
 * for many sources: what one PostgreSQL serves grows with it). A killed worker's claims end with their
 * lease (at once for a dead process on the same machine). Publishing is the builder's (`build`, `hexo`).
 */
export async function runWorker(config: Config, sources: readonly Source[], deps: IngestDeps & { owner: string }, o: WorkerOptions): Promise<WorkerTotals> {
  const { store } = deps;
  await store.sources.sync(sources);
  // Read once: what other workers learn of an instance reaches this one through the store as its own claims fail or succeed.
  const instances = deps.instances ?? (await instanceRouter(config.rsshub, store));
  const byId = new Map(sources.map((s) => [s.id, s]));
  const ids = [...byId.keys()];
  const lease = { owner: deps.owner, ms: o.leaseMs ?? leaseMsFor(config.fetch) };
  const concurrency = config.fetch.concurrency;
  const totals: WorkerTotals = { sources: 0, failed: 0, newItems: 0, updatedItems: 0 };
  const record = deps.record ?? groupedRecorder(store, { linger: 100, most: concurrency * RECORDS_AHEAD });
  const fetching = new Set<Promise<unknown>>();
  const recording = new Set<Promise<void>>();
  // Claimed, not yet started: claimed a batch at a time, with their entries' fingerprints in one read.
  const ahead: Array<{ claimed: SourceHealth; at: number; known: () => Promise<ReadonlyMap<string, string>> }> = [];
  // Sources this worker holds (ahead, fetching, recording): its own lease would let it claim them again.
  const busy = new Set<string>();
  const start = ({ claimed, known }: (typeof ahead)[number]): void => {
    const source = byId.get(claimed.sourceId)!;
    const collected = collectFor(source, claimed, config, { ...deps, instances }, { known });
    fetching.add(collected);
    void collected.catch(() => undefined).finally(() => fetching.delete(collected));
    const done = isolated(source, deps.owner, deps, async () => recordCollected(source, claimed, await collected, { ...deps, record })).then((outcome) => {
      totals.sources++;
      totals.failed += outcome.status === 'failed' ? 1 : 0;
      totals.newItems += outcome.newItems;
      totals.updatedItems += outcome.updatedItems;
      o.onSourceDone?.(outcome);
    });
    recording.add(done);
    void done.finally(() => {
      recording.delete(done);
      busy.delete(source.id);
    });
  };
  await releaseDeadClaims(store, deps.now());
  // On a timer of its own (while every fetch waits for a host whose slots a dead worker holds, the
  // claiming loop does not come round): dead workers' claims given back, and this one's kept alive,
  // so a source waiting for a busy host is not claimed and asked again by another worker.
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweeper = setInterval(() => {
    sweeping = sweeping
      .then(async () => {
        await store.sources.renew(deps.owner, new Date(deps.now().getTime() + lease.ms));
        await releaseDeadClaims(store, deps.now());
      })
      .catch((e: unknown) => deps.log.warn('could not renew this worker\'s claims or give back a dead one\'s; their leases will end them', { message: (e as Error).message }));
  }, Math.min(SWEEP_MS, lease.ms / 3));
  try {
    await claimAndFetch();
    // Stopped: what was claimed and not started goes back at once; what is in flight (its claims still renewed) is recorded.
    await Promise.all(ahead.splice(0).map((a) => store.sources.release(a.claimed.sourceId, deps.owner).catch(() => undefined)));
    await Promise.all(recording);
  } finally {
    clearInterval(sweeper);
    await sweeping;
  }
  return totals;

  async function claimAndFetch(): Promise<void> {
    // Whether the last claim took all it asked for: if not, the next waits until something finishes or a poll passes.
    let dry = false;
    while (!o.stop?.aborted) {
      const now = deps.now();
      if (ahead.length <= concurrency / 2 && !dry) {
        const claimed = await store.sources.claimDue(now, concurrency, lease, { ids: busy.size ? ids.filter((id) => !busy.has(id)) : ids, staleForMs: o.everyMs });
        dry = claimed.length < concurrency;
        if (claimed.length > 0) {
          const hashes = store.items.entryHashes(claimed.map((c) => c.sourceId));
          hashes.catch(() => undefined); // a failed read fails each source that asks, in `isolated`
          for (const c of claimed) {
            busy.add(c.sourceId);
            ahead.push({ claimed: c, at: now.getTime(), known: async () => (await hashes).get(c.sourceId)! });
          }
        }
      }
      while (fetching.size < concurrency && recording.size - fetching.size < concurrency * RECORDS_AHEAD && ahead.length > 0) {
        const next = ahead.shift()!;
        // Claimed so long ago (a slow machine, hosts that keep it waiting) that its lease may end mid-fetch: given back, claimed afresh later.
        if (deps.now().getTime() - next.at < lease.ms / 2) start(next);
        else await store.sources.release(next.claimed.sourceId, deps.owner).then(() => busy.delete(next.claimed.sourceId), () => undefined);
      }
      if (recording.size > 0) {
        await Promise.race([...fetching, ...(fetching.size < concurrency ? recording : [])].map((p) => p.catch(() => undefined)));
        dry &&= ahead.length > 0;
      } else if (o.once && dry && ahead.length === 0) break;
      else {
        await pause(o.pollMs ?? 5_000, o.stop);
        dry = false;
      }
    }
  }
}

/** How long a request waits for others to ask the store for slots with it, and a slot given back for others to go with it. */
const TAKE_LINGER_MS = 3;
const GIVE_LINGER_MS = 10;

/** How long a slot may go from one of a worker's requests to the next before it goes back to the store (where other workers wait too). */
const HAND_ON_MS = 2_000;

/**
 * The per-host limit across every worker: one of the host's `perHost` slots in the store, waited
 * for (briefly, with jitter) while all are held, given back after the request. Requests that ask
 * while the store is being asked go together in the next statement, and so do slots given back; a
 * slot a request gives back while another of this worker's requests waits for that host goes
 * straight to it (for `HAND_ON_MS` from when it was taken), with no statement at all.
 */
export function storeHostGate(store: Store, perHost: number, owner: string, leaseMs: number, now: () => Date): HostGate {
  const take = grouped((hosts: string[]) => store.hosts.take(hosts, perHost, { owner, ms: leaseMs }, now()), { linger: TAKE_LINGER_MS });
  const give = grouped(async (slots: Array<{ host: string; slot: number }>) => {
    await store.hosts.give(slots, owner);
    return slots.map(() => undefined);
  }, { linger: GIVE_LINGER_MS });
  type Held = { slot: number; since: number };
  const waiters = new Map<string, Array<(h: Held) => void>>();
  const holding = (host: string, held: Held) => async (): Promise<void> => {
    const next = waiters.get(host)?.shift();
    if (next && Date.now() - held.since < Math.min(HAND_ON_MS, leaseMs / 2)) return next(held);
    await give({ host, slot: held.slot });
  };
  // Until a slot is handed on or the time is up, whichever is first.
  const handedOn = (host: string, ms: number): Promise<Held | null> =>
    new Promise((resolve) => {
      const list = waiters.get(host) ?? waiters.set(host, []).get(host)!;
      const timer = setTimeout(() => {
        list.splice(list.indexOf(got), 1);
        resolve(null);
      }, ms);
      const got = (h: Held): void => {
        clearTimeout(timer);
        resolve(h);
      };
      list.push(got);
    });
  return async (host) => {
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      const since = Date.now();
      const slot = await take(host);
      if (slot !== null) return holding(host, { slot, since });
      const held = await handedOn(host, wait / 2 + Math.random() * wait);
      if (held) return holding(host, held);
    }
  };
}
