import { Agent, fetch as undiciFetch } from 'undici';
import { Semaphore, hostOf, noRedaction, silentLogger, sleep, type Redactor } from '../shared/index.js';
import type { FetchSettings, RsshubSettings } from '../config/index.js';
import type { Source } from '../sources/index.js';
import { fetchFile } from './file.js';
import { fetchHttp, type HttpDeps } from './http.js';
import { isPublicHost, publicOnlyLookup, resolveAll, type ResolveAll } from './address.js';
import { buildRequest, type RequestOptions } from './request.js';
import type { FetchResult, HttpCache } from './types.js';

export type Fetcher = (src: Source, prior?: HttpCache, o?: RequestOptions) => Promise<FetchResult>;

/** Waits for one of a host's request slots shared with other processes; resolves to its release. */
export type HostGate = (host: string) => Promise<() => Promise<void>>;

/**
 * The fetch stage's door: one global limit and one limit per host (every RSSHub route lives on
 * one host), held for the whole request including retries' waits. `hostGate` (workers sharing a
 * store) makes the per-host limit hold across processes too.
 */
export function createFetcher(settings: FetchSettings, rsshub: RsshubSettings, deps: Partial<HttpDeps> & { hostGate?: HostGate; resolve?: ResolveAll } = {}): Fetcher {
  const publicHosts = new Map<string, Promise<boolean>>();
  const d: HttpDeps = {
    // undici's own fetch, so its connection pools (the public-only one) fit it.
    fetch: deps.fetch ?? (undiciFetch as unknown as typeof globalThis.fetch),
    publicHost: deps.publicHost ?? ((host) => publicHosts.get(host) ?? publicHosts.set(host, isPublicHost(host, deps.resolve ?? resolveAll)).get(host)!),
    publicDispatcher: deps.publicDispatcher ?? new Agent({ connect: { lookup: publicOnlyLookup() } }),
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep ?? sleep,
    random: deps.random ?? Math.random,
    redact: deps.redact ?? (noRedaction as Redactor),
    log: deps.log ?? silentLogger,
  };
  const global = new Semaphore(settings.concurrency);
  const hosts = new Map<string, Semaphore>();
  const hostLimit = (host: string): Semaphore => {
    let s = hosts.get(host);
    if (!s) hosts.set(host, (s = new Semaphore(settings.perHost)));
    return s;
  };
  return async (src, prior = {}, o = {}) => {
    if (src.kind === 'file') return global.use(() => fetchFile(src.url, settings.maxBodyBytes, d.now));
    const plan = buildRequest(src, prior, settings, rsshub, o);
    const host = hostOf(plan.url);
    const request = () => global.use(() => fetchHttp(plan, settings.retries, { ...d, log: d.log.child({ sourceId: src.id }) }));
    return hostLimit(host).use(async () => {
      if (!deps.hostGate) return request();
      const release = await deps.hostGate(host);
      try {
        return await request();
      } finally {
        await release();
      }
    });
  };
}
