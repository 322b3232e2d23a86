import type { RsshubSettings } from '../config/index.js';
import type { Source } from '../sources/index.js';
import { withAccessKey } from '../fetch/index.js';

/**
 * What a source's feed must never bring into the store or the outputs: the access key and the route's
 * `code`, and the source's password (each is scrubbed in every form it may be echoed in).
 */
export function accessSecrets(source: Source, rsshub: RsshubSettings): string[] {
  const password = source.options.auth ? [source.options.auth.password] : [];
  if (source.kind !== 'rsshub') return password;
  // Every instance's: a route may be served by any of them.
  const keys = rsshub.instances.flatMap((i) => (i.key ? [i.key] : []));
  const codes = keys.map((key) => new URL(withAccessKey(source.url, key, 'code')).searchParams.get('code')!);
  return [...keys, ...codes, ...password];
}
