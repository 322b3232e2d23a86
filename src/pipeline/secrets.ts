import type { RsshubSettings } from '../config/index.js';
import type { Source } from '../sources/index.js';
import { withAccessKey } from '../fetch/index.js';

/** The access key and the route's `code`, both as written and URL-encoded: what must never be published. */
export function accessSecrets(source: Source, rsshub: RsshubSettings): string[] {
  if (source.kind !== 'rsshub' || !rsshub.key) return [];
  const code = new URL(withAccessKey(source.url, rsshub.key, 'code')).searchParams.get('code')!;
  return [...new Set([rsshub.key, encodeURIComponent(rsshub.key), code])];
}
