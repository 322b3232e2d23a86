import type { FetchSettings, RsshubSettings } from '../config/index.js';
import type { Source } from '../sources/index.js';
import { withAccessKey } from './access-key.js';
import type { HttpCache, RequestPlan } from './types.js';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';

export interface RequestOptions {
  /** Skip validators: a forced refresh must get a full body. */
  force?: boolean;
}

/** The configured instance a route's URL is on (its key and key mode), or undefined for any other URL. */
export const instanceOf = (url: string, rsshub: RsshubSettings): RsshubSettings['instances'][number] | undefined =>
  rsshub.instances.find((i) => url === i.url || url.startsWith(`${i.url}/`) || url.startsWith(`${i.url}?`));

/** "Changed since?": the validators of the answer last read. */
export function conditional(prior: HttpCache): Record<string, string> {
  return { ...(prior.etag ? { 'if-none-match': prior.etag } : {}), ...(prior.lastModified ? { 'if-modified-since': prior.lastModified } : {}) };
}

export function buildRequest(src: Source, prior: HttpCache, settings: FetchSettings, rsshub: RsshubSettings, o: RequestOptions = {}): RequestPlan {
  const headers: Record<string, string> = { 'user-agent': settings.userAgent, accept: FEED_ACCEPT, 'accept-encoding': 'gzip, deflate, br', ...(o.force ? {} : conditional(prior)) };
  const instance = src.kind === 'rsshub' ? instanceOf(src.url, rsshub) : undefined;
  const url = instance?.key ? withAccessKey(src.url, instance.key, instance.keyMode) : src.url;
  const auth = src.options.auth ? { origin: new URL(url).origin, header: `Basic ${Buffer.from(`${src.options.auth.user}:${src.options.auth.password}`).toString('base64')}` } : undefined;
  return { url, headers, timeoutMs: settings.timeoutMs, maxBodyBytes: settings.maxBodyBytes, maxRedirects: settings.maxRedirects, privateRedirects: settings.privateRedirects, ...(auth ? { auth } : {}) };
}
