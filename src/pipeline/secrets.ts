import type { RsshubSettings } from '../config/index.js';
import type { Source } from '../sources/index.js';
import { withAccessKey } from '../fetch/index.js';

/**
 * The access key and the route's `code` in every form a feed may echo them: as written, as
 * `encodeURIComponent` writes it, as a query string sends it (`URLSearchParams`: space → `+`, `@` → `%40`),
 * and percent-encoded once more (a URL inside a URL). What must never be stored or published.
 */
export function accessSecrets(source: Source, rsshub: RsshubSettings): string[] {
  if (source.kind !== 'rsshub' || !rsshub.key) return [];
  const code = new URL(withAccessKey(source.url, rsshub.key, 'code')).searchParams.get('code')!;
  const forms = [rsshub.key, encodeURIComponent(rsshub.key), new URLSearchParams({ k: rsshub.key }).toString().slice(2), code];
  return [...new Set([...forms, ...forms.map(encodeURIComponent)])].sort((a, b) => b.length - a.length);
}
