import type { BroadsheetError } from '../shared/index.js';

/** Validators from the last successful fetch, sent back as a conditional GET. */
export interface HttpCache {
  etag?: string;
  lastModified?: string;
  /** Until when the document is fresh (the feed's `<ttl>`, the server's `max-age`): not asked for again before, but by `--force`. */
  freshUntil?: string;
  /** The RSSHub instance that answered (its validators are its own): a route sticks to it while it is well. */
  servedBy?: string;
}

interface Timing {
  attempts: number;
  elapsedMs: number;
}

export type FetchResult =
  | (Timing & {
      kind: 'ok';
      /** Decoded document text (see charset.ts for the order of rules). */
      text: string;
      /** The charset the bytes were decoded with. */
      charset: string;
      bytes: number;
      finalUrl: string;
      status: number;
      contentType?: string;
      /** Content-Location, which feeds may use as the base for relative links. */
      contentLocation?: string;
      etag?: string;
      lastModified?: string;
      /** `Cache-Control: max-age` (RSSHub: its cache time), in seconds. */
      maxAgeSeconds?: number;
    })
  | (Timing & { kind: 'not-modified'; etag?: string; lastModified?: string; maxAgeSeconds?: number })
  /** `retryAfterMs`: what the server asked for in Retry-After, where it asked for longer than a run waits. */
  | (Timing & { kind: 'failed'; error: BroadsheetError; status?: number; retryAfterMs?: number });

/** One HTTP request, as data: tested without a socket. */
export interface RequestPlan {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Follow a redirect from a public address into a private or loopback one. */
  privateRedirects: boolean;
  /** HTTP basic auth for the source's own origin only: never sent to another origin a redirect leads to. */
  auth?: { origin: string; header: string };
}
