import type { RsshubSettings } from '../config/index.js';
import type { HttpCache } from '../fetch/index.js';
import type { InstanceHealth, Store } from '../store/index.js';
import type { Source } from '../sources/index.js';
import type { SourceOutcome } from './types.js';

/** What one instance's answer to a route says of the instance. */
export type Verdict =
  | { kind: 'served' }
  /** 404: the route is not on this instance (an older RSSHub, say): the next may have it. */
  | { kind: 'not-here' }
  /** The instance's trouble (or the route's there): the next instance is tried; `opensAfter` failures in a row rest it for `openMs`. */
  | { kind: 'unwell'; opensAfter: number; openMs: number };

const MINUTE = 60_000;

/**
 * The breaker's rules, as data: a refusal (429, 401/403, a challenge page where a feed should be) or
 * an instance that cannot be reached rests at once; other errors (5xx such as "This path is currently
 * fetching", time-outs, broken documents) after three in a row, which a route it serves resets.
 */
export function verdictOf(o: Pick<SourceOutcome, 'status' | 'error' | 'httpStatus' | 'retryAfterMs'>): Verdict {
  if (o.status === 'ok' || o.status === 'not-modified') return { kind: 'served' };
  const code = o.error?.code;
  if (code === 'fetch.http' && o.httpStatus === 404) return { kind: 'not-here' };
  // Retry-After is the instance's own word on how long to leave it alone (RSSHub's rate limit, a 503 in maintenance).
  const unwell = (opensAfter: number, openMs: number): Verdict => ({ kind: 'unwell', opensAfter: o.retryAfterMs ? 1 : opensAfter, openMs: Math.max(openMs, o.retryAfterMs ?? 0) });
  if (code === 'fetch.network') return unwell(1, 10 * MINUTE);
  if ((code === 'fetch.http' && [401, 403, 429].includes(o.httpStatus ?? 0)) || code === 'feed.unrecognized') return unwell(1, 30 * MINUTE);
  return unwell(3, 10 * MINUTE);
}

/** One instance to try for a route: the source as it is on that instance, with the validators that instance gave (if it served last). */
export interface Attempt {
  instance: string;
  source: Source;
  cache: HttpCache;
}

export interface InstanceRouter {
  /** The instances to try for a route, in order: where it was served last first (while well), then the config's; none resting. */
  attempts(source: Source, cache: HttpCache, now: Date): Promise<Attempt[]>;
  /** Until when every instance rests (a route then waits, without counting as its failure). */
  restingUntil(now: Date): string | null;
  report(instance: string, verdict: Verdict, outcome: Pick<SourceOutcome, 'error' | 'httpStatus'>, now: Date): Promise<void>;
  /** Each instance as the run leaves it, and how many routes it served in the run. */
  summary(): Array<InstanceHealth & { served: number }>;
}

/** The instances of `rsshub`, their health read from the store (shared by runs and workers) and kept there. */
export async function instanceRouter(rsshub: RsshubSettings, store: Pick<Store, 'instances'> | null): Promise<InstanceRouter> {
  let known = new Map<string, InstanceHealth>();
  // Read before each route: what another run or worker learnt of an instance counts at once (a handful of rows).
  const refresh = async (): Promise<void> => { if (store) known = new Map((await store.instances.all()).map((h) => [h.url, h])); };
  await refresh();
  const health = (url: string): InstanceHealth => known.get(url) ?? { url, failures: 0, openUntil: null, lastError: null, lastOkAt: null };
  const resting = (url: string, now: Date) => { const until = health(url).openUntil; return until !== null && until > now.toISOString(); };
  const served = new Map<string, number>();
  const first = rsshub.instances[0]!.url;
  return {
    async attempts(source, cache, now) {
      await refresh();
      const order = rsshub.instances.map((i) => i.url);
      const sticky = cache.servedBy && order.includes(cache.servedBy) ? cache.servedBy : first;
      return [sticky, ...order.filter((u) => u !== sticky)]
        .filter((url) => !resting(url, now))
        .map((url) => ({
          instance: url,
          source: url === first ? source : { ...source, url: url + source.url.slice(first.length) },
          // Validators are the instance's own: another instance gets an unconditional request.
          cache: url === sticky ? cache : {},
        }));
    },
    restingUntil(now) {
      const until = rsshub.instances.map((i) => health(i.url).openUntil).filter((u): u is string => u !== null && u > now.toISOString());
      return until.length === rsshub.instances.length ? until.sort()[0]! : null;
    },
    async report(url, verdict, outcome, now) {
      if (verdict.kind === 'served') {
        served.set(url, (served.get(url) ?? 0) + 1);
        if (health(url).failures === 0 && health(url).openUntil === null && store) return;
        known.set(url, { ...health(url), failures: 0, openUntil: null, lastOkAt: now.toISOString() });
        await store?.instances.recordOk(url, now);
        return;
      }
      if (verdict.kind === 'not-here') return;
      const error = { code: outcome.error?.code ?? 'internal', status: outcome.httpStatus ?? null, message: outcome.error?.message ?? '' };
      const openUntil = new Date(now.getTime() + verdict.openMs);
      const next = store
        ? await store.instances.recordFailure(url, error, { at: now, opensAfter: verdict.opensAfter, openUntil })
        : { ...health(url), failures: health(url).failures + 1, openUntil: health(url).failures + 1 >= verdict.opensAfter ? openUntil.toISOString() : health(url).openUntil, lastError: { ...error, at: now.toISOString() } };
      known.set(url, next);
    },
    summary: () => rsshub.instances.map((i) => ({ ...health(i.url), served: served.get(i.url) ?? 0 })),
  };
}
