import { looksPublicHost } from '../shared/index.js';
import type { Source } from './types.js';

/** The public RSSHub instance: a route on it is an address anyone may subscribe to. */
export const PUBLIC_RSSHUB = 'https://rsshub.app';

/**
 * The address a reader of the published site may subscribe to for a source, or null when it has none
 * to publish: a route on a self-hosted RSSHub (its host is the owner's), a feed behind a password, a
 * file, a host of a private network. Decided from the config alone, without asking a resolver.
 */
export function publicUrl(source: Source, rsshubInstance: string): string | null {
  if (source.options.auth || source.kind === 'file') return null;
  if (source.kind === 'rsshub') return rsshubInstance.replace(/\/+$/, '') === PUBLIC_RSSHUB ? source.url : null;
  try {
    const url = new URL(source.url);
    return url.username === '' && url.password === '' && looksPublicHost(url.hostname) ? source.url : null;
  } catch {
    return null;
  }
}

/** Each source's public address by id: only the sources that have one. */
export const publicUrls = (sources: readonly Source[], rsshubInstance: string): Map<string, string> =>
  new Map(sources.flatMap((s) => { const url = publicUrl(s, rsshubInstance); return url ? [[s.id, url] as const] : []; }));
