import type { RsshubSettings } from '../config/index.js';
import type { Source } from '../sources/index.js';
import { withAccessKey } from '../fetch/index.js';

/**
 * What a source's feed must never bring into the store or the outputs: the access key and the route's
 * `code`, and the source's password (each is scrubbed in every form it may be echoed in).
 */
export function accessSecrets(source: Source, rsshub: RsshubSettings): string[] {
  const password = source.options.auth ? [source.options.auth.password] : [];
  if (source.kind !== 'rsshub' || !rsshub.key) return password;
  const code = new URL(withAccessKey(source.url, rsshub.key, 'code')).searchParams.get('code')!;
  return [rsshub.key, code, ...password];
}
