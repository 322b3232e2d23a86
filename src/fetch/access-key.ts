import { md5Hex } from '../shared/index.js';

/**
 * RSSHub access control: `?key=<key>` or `?code=md5(pathname + key)`, where pathname is the
 * percent-encoded path as requested, without the query string.
 */
export function withAccessKey(url: string, key: string, mode: 'code' | 'key'): string {
  const u = new URL(url);
  if (mode === 'key') u.searchParams.set('key', key);
  else u.searchParams.set('code', md5Hex(u.pathname + key));
  return u.href;
}
