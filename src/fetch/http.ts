import { BroadsheetError, asBroadsheetError, type Logger, type Redactor } from '../shared/index.js';
import { readCapped } from './body.js';
import { decodeFeed } from './charset.js';
import { gunzipIfCompressed } from './gzip.js';
import { backoffMs, isRetryableStatus, MAX_RETRY_AFTER_MS, retryAfterMs } from './retry.js';
import type { FetchResult, RequestPlan } from './types.js';

export interface HttpDeps {
  fetch: typeof globalThis.fetch;
  /** Whether a host is public (an address by its range, a name by what it resolves to), cached per run. */
  publicHost: (host: string) => Promise<boolean>;
  /** The connection pool for requests from a public origin: it connects only to public addresses. */
  publicDispatcher: unknown;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  redact: Redactor;
  /** `-v`: each request, its answer, the charset and cache decisions, timings and retries, at debug level. */
  log: Logger;
}

type Attempt =
  | { kind: 'response'; status: number; headers: Headers; body: Uint8Array; finalUrl: string }
  | { kind: 'error'; error: BroadsheetError; status?: number; retryable: boolean; retryAfterMs?: number | null };

function classifyNetworkError(e: unknown, url: string, timeoutMs: number, timedOut: boolean): BroadsheetError {
  if (e instanceof BroadsheetError) return e;
  if (timedOut) return new BroadsheetError('fetch.timeout', `no complete response from ${url} within ${timeoutMs} ms (fetch.timeout)`, { url }, { cause: e });
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (e as Error).message;
  return new BroadsheetError('fetch.network', `cannot fetch ${url}: ${detail}`, { url }, { cause: e });
}

/**
 * Why a redirect must not be followed, or null: only http(s) targets (a `data:` or `file:` answer is no
 * feed), and no hop from a public origin into this machine's or its network's (a feed that redirects
 * to `http://[::ffff:127.0.0.1]/…` would publish what only this machine can read) unless the config
 * allows it; a name counts by what it resolves to.
 */
async function redirectRefusal(fromPublic: boolean, to: URL, deps: Pick<HttpDeps, 'publicHost'>): Promise<string | null> {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return `a ${to.protocol} URL`;
  if (fromPublic && !(await deps.publicHost(to.hostname))) return `a private address (${to.hostname}); set fetch.privateRedirects: true to allow`;
  return null;
}

/** One attempt: follows up to maxRedirects redirects; the timeout is a deadline for the whole response, body included. */
async function attempt(plan: RequestPlan, deps: HttpDeps): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, plan.timeoutMs);
  let url = plan.url;
  try {
    // From a public origin, every hop must reach public addresses only: checked before each redirect
    // is followed, and again by the connection itself (a name may resolve differently the second time).
    const fromPublic = !plan.privateRedirects && (await deps.publicHost(new URL(url).hostname));
    for (let hop = 0; ; hop++) {
      // Credentials go to the source's own origin, never to another one a redirect names.
      const headers = plan.auth && new URL(url).origin === plan.auth.origin ? { ...plan.headers, authorization: plan.auth.header } : plan.headers;
      const init = { headers, redirect: 'manual', signal: controller.signal, ...(fromPublic && deps.publicDispatcher !== undefined ? { dispatcher: deps.publicDispatcher } : {}) } as RequestInit;
      const res = await deps.fetch(url, init);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
        await res.body?.cancel();
        if (hop >= plan.maxRedirects) {
          const error = new BroadsheetError('fetch.too-many-redirects', `more than ${plan.maxRedirects} redirects from ${deps.redact(plan.url)} (fetch.maxRedirects)`, { url: plan.url });
          return { kind: 'error', error, status: res.status, retryable: false };
        }
        const next = new URL(location, url);
        const refused = await redirectRefusal(fromPublic, next, deps);
        if (refused) {
          const error = new BroadsheetError('fetch.redirect-refused', `${deps.redact(url)} redirects to ${refused}: not followed`, { url: plan.url });
          return { kind: 'error', error, status: res.status, retryable: false };
        }
        url = next.href;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        return { kind: 'response', status: 304, headers: res.headers, body: new Uint8Array(0), finalUrl: url };
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel();
        const reason = res.statusText ? ` ${res.statusText}` : '';
        // The reason phrase is the server's text: it may echo the request, key included.
        const error = new BroadsheetError('fetch.http', deps.redact(`HTTP ${res.status}${reason} from ${url}`), { url: deps.redact(url) });
        return { kind: 'error', error, status: res.status, retryable: isRetryableStatus(res.status), retryAfterMs: retryAfterMs(res.headers.get('retry-after'), deps.now()) };
      }
      const body = gunzipIfCompressed(await readCapped(res, plan.maxBodyBytes, deps.redact(url)), plan.maxBodyBytes, deps.redact(url));
      return { kind: 'response', status: res.status, headers: res.headers, body, finalUrl: url };
    }
  } catch (e) {
    const error = classifyNetworkError(e, deps.redact(url), plan.timeoutMs, timedOut);
    // Time-outs are not retried: a server that trickles bytes must not hold the run for (retries + 1) × timeout.
    // Nor is a name that does not resolve: it will not resolve a second later (offline, the run would wait for nothing).
    const unresolved = /\bENOTFOUND\b/.test(error.message);
    return { kind: 'error', error, retryable: error.code === 'fetch.network' && !unresolved };
  } finally {
    clearTimeout(timer);
  }
}

/** `Cache-Control: max-age=N` in seconds; none for `no-cache` / `no-store` or a malformed value. */
function maxAgeOf(headers: Headers): { maxAgeSeconds?: number } {
  const cc = headers.get('cache-control') ?? '';
  const m = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cc);
  return m && !/no-cache|no-store/i.test(cc) ? { maxAgeSeconds: Number(m[1]) } : {};
}

function okResult(a: Extract<Attempt, { kind: 'response' }>, attempts: number, elapsedMs: number, deps: Pick<HttpDeps, 'redact' | 'log'>): FetchResult {
  const { redact } = deps;
  const etag = a.headers.get('etag') ?? undefined;
  const lastModified = a.headers.get('last-modified') ?? undefined;
  if (a.status === 304) return { kind: 'not-modified', attempts, elapsedMs, etag, lastModified, ...maxAgeOf(a.headers) };
  if (a.body.byteLength === 0) {
    const error = new BroadsheetError('fetch.empty', `empty body from ${redact(a.finalUrl)}`, { url: a.finalUrl });
    return { kind: 'failed', error, status: a.status, attempts, elapsedMs };
  }
  const contentType = a.headers.get('content-type') ?? undefined;
  const { text, charset } = decodeFeed(a.body, contentType);
  deps.log.debug('decoded', { url: redact(a.finalUrl), charset, contentType: contentType ?? null });
  const contentLocation = a.headers.get('content-location') ?? undefined;
  return { kind: 'ok', text, charset, bytes: a.body.byteLength, finalUrl: a.finalUrl, status: a.status, contentType, contentLocation, etag, lastModified, attempts, elapsedMs, ...maxAgeOf(a.headers) };
}

type Failed = Extract<FetchResult, { kind: 'failed' }>;
type Answer = Extract<Attempt, { kind: 'response' }>;

/** GET with retries (network errors, 5xx, 429) using backoff with jitter, honouring Retry-After; the answer as `read` takes it. Never throws. */
async function withRetries<T>(plan: RequestPlan, retries: number, deps: HttpDeps, read: (a: Answer, attempts: number, elapsedMs: number) => T): Promise<T | Failed> {
  const started = deps.now().getTime();
  const elapsed = (): number => deps.now().getTime() - started;
  const url = deps.redact(plan.url);
  const validators = [plan.headers['if-none-match'] ? 'etag' : '', plan.headers['if-modified-since'] ? 'last-modified' : ''].filter(Boolean).join('+');
  deps.log.debug('request', { url, conditional: validators || 'no', timeoutMs: plan.timeoutMs });
  for (let n = 1; ; n++) {
    let a: Attempt;
    try {
      a = await attempt(plan, deps);
    } catch (e) {
      return { kind: 'failed', error: asBroadsheetError(e), attempts: n, elapsedMs: elapsed() };
    }
    if (a.kind === 'response') {
      deps.log.debug('response', { url, status: a.status, bytes: a.body.byteLength, ms: elapsed(), attempt: n, ...(a.finalUrl !== plan.url ? { finalUrl: deps.redact(a.finalUrl) } : {}) });
      return read(a, n, elapsed());
    }
    const wait = a.retryAfterMs ?? backoffMs(n, deps.random);
    const giveUp = !a.retryable || n > retries || wait > MAX_RETRY_AFTER_MS;
    deps.log.debug('attempt failed', { url, code: a.error.code, status: a.status ?? null, ms: elapsed(), attempt: n, retryInMs: giveUp ? null : wait });
    if (giveUp) {
      return { kind: 'failed', error: a.error, status: a.status, attempts: n, elapsedMs: elapsed(), ...(a.retryAfterMs ? { retryAfterMs: a.retryAfterMs } : {}) };
    }
    await deps.sleep(wait);
  }
}

/** A feed: GET with retries, the body decoded to text. */
export const fetchHttp = (plan: RequestPlan, retries: number, deps: HttpDeps): Promise<FetchResult> => withRetries(plan, retries, deps, (a, n, ms) => okResult(a, n, ms, deps));

/** The bytes of a response as they came (a picture), with its type. */
export interface BytesAnswer {
  kind: 'ok';
  body: Uint8Array;
  contentType: string | null;
  finalUrl: string;
}

/** Anything else than bytes (a picture): GET with the same retries and limits, the body as it came. */
export const fetchBytes = (plan: RequestPlan, retries: number, deps: HttpDeps): Promise<BytesAnswer | Failed> =>
  withRetries(plan, retries, deps, (a): BytesAnswer => ({ kind: 'ok', body: a.body, contentType: a.headers.get('content-type'), finalUrl: a.finalUrl }));
