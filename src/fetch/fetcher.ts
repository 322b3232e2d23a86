import { BroadsheetError, Semaphore, hostOf, noRedaction, silentLogger, sleep, type Redactor } from '../shared/index.js';
import type { FetchSettings, RsshubSettings } from '../config/index.js';
import type { Source } from '../sources/index.js';
import { fetchFile } from './file.js';
import { fetchBytes, fetchHttp, type BytesAnswer, type HttpDeps } from './http.js';
import { isPublicHost, publicOnlyLookup, resolveAll, type ResolveAll } from './address.js';
import { buildRequest, conditional, type RequestOptions } from './request.js';
import type { FetchResult, HttpCache } from './types.js';

export type Fetcher = (src: Source, prior?: HttpCache, o?: RequestOptions) => Promise<FetchResult>;

/** Waits for one of a host's request slots shared with other processes; resolves to its release. */
export type HostGate = (host: string) => Promise<() => Promise<void>>;

type FetcherDeps = Partial<HttpDeps> & { hostGate?: HostGate; resolve?: ResolveAll; politeness?: Politeness };

/** Stands for the public-only connection pool until undici is loaded. */
const PUBLIC_POOL = Symbol('public-only pool');

/**
 * undici's own fetch (so its connection pools, the public-only one, fit it), loaded with the first
 * request: commands that fetch nothing (build, hexo, serve) do not load it (~90 ms of each start).
 */
function lazyUndici(): typeof globalThis.fetch {
  let pool: unknown;
  return async (url, init) => {
    const undici = await import('undici');
    const dispatcher = (init as { dispatcher?: unknown } | undefined)?.dispatcher === PUBLIC_POOL ? (pool ??= new undici.Agent({ connect: { lookup: publicOnlyLookup() } })) : undefined;
    return undici.fetch(url as never, { ...(init as object), ...(dispatcher ? { dispatcher } : {}) } as never) as unknown as Response;
  };
}

function httpDeps(deps: FetcherDeps): HttpDeps {
  const publicHosts = new Map<string, Promise<boolean>>();
  return {
    fetch: deps.fetch ?? lazyUndici(),
    publicHost: deps.publicHost ?? ((host) => publicHosts.get(host) ?? publicHosts.set(host, isPublicHost(host, deps.resolve ?? resolveAll)).get(host)!),
    // An injected fetch (tests) gets no pool of undici's.
    publicDispatcher: deps.publicDispatcher ?? (deps.fetch ? undefined : PUBLIC_POOL),
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep ?? sleep,
    random: deps.random ?? Math.random,
    redact: deps.redact ?? (noRedaction as Redactor),
    log: deps.log ?? silentLogger,
  };
}

/**
 * The fetch stage's politeness: one global limit and one limit per host (every RSSHub route lives on
 * one host), held for the whole request including retries' waits. `hostGate` (workers sharing a
 * store) makes the per-host limit hold across processes too.
 */
export type Politeness = ReturnType<typeof politeness>;

function politeness(settings: FetchSettings, hostGate: HostGate | undefined) {
  const global = new Semaphore(settings.concurrency);
  const hosts = new Map<string, Semaphore>();
  const hostLimit = (host: string): Semaphore => {
    let s = hosts.get(host);
    if (!s) hosts.set(host, (s = new Semaphore(settings.perHost)));
    return s;
  };
  return {
    global,
    polite: <T>(host: string, request: () => Promise<T>): Promise<T> =>
      hostLimit(host).use(async () => {
        if (!hostGate) return global.use(request);
        const release = await hostGate(host);
        try {
          return await global.use(request);
        } finally {
          await release();
        }
      }),
  };
}

/** The feeds' door: a source's request, politely (see `politeness`). */
export function createFetcher(settings: FetchSettings, rsshub: RsshubSettings, deps: FetcherDeps = {}): Fetcher {
  const d = httpDeps(deps);
  const { global, polite } = deps.politeness ?? politeness(settings, deps.hostGate);
  return async (src, prior = {}, o = {}) => {
    if (src.kind === 'file') return global.use(() => fetchFile(src.url, settings.maxBodyBytes, d.now));
    const plan = buildRequest(src, prior, settings, rsshub, o);
    return polite(hostOf(plan.url), () => fetchHttp(plan, settings.retries, { ...d, log: d.log.child({ sourceId: src.id }) }));
  };
}

/** A feed names pictures and article pages: they are fetched from public addresses only, but for the feed's own host or with `fetch.privateRedirects`. */
async function privateRefusal(url: string, feedUrl: string, what: string, settings: FetchSettings, d: HttpDeps): Promise<Extract<FetchResult, { kind: 'failed' }> | null> {
  const host = new URL(url).hostname;
  if (settings.privateRedirects || host === new URL(feedUrl).hostname || (await d.publicHost(host))) return null;
  const error = new BroadsheetError('fetch.private-address', `${what} ${d.redact(url)} is on a private address (named by the feed ${d.redact(feedUrl)}): not fetched; set fetch.privateRedirects: true to allow`, { url });
  return { kind: 'failed', error, attempts: 0, elapsedMs: 0 };
}

/** An article's page (`fullText`), decoded as a feed is (its `<meta charset>` too); asked "changed since?" with the validators of its last reading. */
export type PageFetcher = (url: string, from: { feedUrl: string; prior?: HttpCache }) => Promise<FetchResult>;

const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** Article pages for `fullText`, with the feeds' politeness, limits and safety, and the pictures' rule on addresses. */
export function createPageFetcher(settings: FetchSettings, deps: FetcherDeps = {}): PageFetcher {
  const d = httpDeps(deps);
  const { polite } = deps.politeness ?? politeness(settings, deps.hostGate);
  return async (url, { feedUrl, prior = {} }) => {
    const refused = await privateRefusal(url, feedUrl, 'the article page', settings, d);
    if (refused) return refused;
    const plan = { url, headers: { 'user-agent': settings.userAgent, accept: PAGE_ACCEPT, 'accept-encoding': 'gzip, deflate, br', ...conditional(prior) }, timeoutMs: settings.timeoutMs, maxBodyBytes: settings.maxBodyBytes, maxRedirects: settings.maxRedirects, privateRedirects: settings.privateRedirects };
    return polite(hostOf(url), () => fetchHttp(plan, settings.retries, d));
  };
}

/** Where a picture is shown: the page it is on (sent as Referer) and the feed that named it. */
export interface PictureContext {
  referer: string | null;
  feedUrl: string;
}

/** A picture's bytes, or why there are none. */
export type PictureFetcher = (url: string, from: PictureContext) => Promise<BytesAnswer | Extract<FetchResult, { kind: 'failed' }>>;

const PICTURE_ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8';
/** No picture worth a card is larger; a bigger answer is no picture to resize. */
const PICTURE_MAX_BYTES = 15 * 2 ** 20;

/**
 * Pictures, with the feeds' politeness and safety (limits at once and per host, time-out, size cap,
 * retries). A feed's content names them, so unlike the configured feed they reach public addresses
 * only, but for the feed's own host (a feed on this machine or network may show its own pictures) or
 * with `fetch.privateRedirects`. The Referer is the page the picture is on, as a reader's browser
 * would send it: Weibo's and WeChat's image hosts refuse or replace a picture without it.
 */
export function createPictureFetcher(settings: FetchSettings, deps: FetcherDeps = {}): PictureFetcher {
  const d = httpDeps(deps);
  const { polite } = deps.politeness ?? politeness(settings, deps.hostGate);
  return async (url, { referer, feedUrl }) => {
    const refused = await privateRefusal(url, feedUrl, 'the picture', settings, d);
    if (refused) return refused;
    const headers: Record<string, string> = { 'user-agent': settings.userAgent, accept: PICTURE_ACCEPT, ...(referer ? { referer } : {}) };
    const plan = { url, headers, timeoutMs: settings.timeoutMs, maxBodyBytes: Math.min(settings.maxBodyBytes, PICTURE_MAX_BYTES), maxRedirects: settings.maxRedirects, privateRedirects: settings.privateRedirects };
    return polite(hostOf(url), () => fetchBytes(plan, settings.retries, d));
  };
}

/**
 * Feeds, article pages and pictures under one politeness: a host's limit counts every request to it,
 * whichever of them asks (a `fullText` source's pages are often on its feed's host).
 */
export function createFetchers(settings: FetchSettings, rsshub: RsshubSettings, deps: FetcherDeps = {}): { feeds: Fetcher; pages: PageFetcher; pictures: PictureFetcher } {
  const shared = { ...deps, politeness: politeness(settings, deps.hostGate) };
  return { feeds: createFetcher(settings, rsshub, shared), pages: createPageFetcher(settings, shared), pictures: createPictureFetcher(settings, shared) };
}
