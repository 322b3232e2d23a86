import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { isPublicAddress } from '../shared/index.js';

/** Every address a host name resolves to (injected in tests, so none ever reaches a real resolver). */
export type ResolveAll = (host: string) => Promise<string[]>;

export const resolveAll: ResolveAll = (host) =>
  new Promise((done, fail) => dnsLookup(host, { all: true }, (e, addresses) => (e ? fail(e) : done(addresses.map((a) => a.address)))));

/** Whether a URL's host is public: an address literal by its range; a name by every address it resolves to. */
export async function isPublicHost(host: string, resolve: ResolveAll): Promise<boolean> {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (ipaddr.isValid(h)) return isPublicAddress(h);
  if (h === 'localhost' || h.endsWith('.localhost')) return false;
  try {
    const addresses = await resolve(h);
    return addresses.length > 0 && addresses.every(isPublicAddress);
  } catch {
    // A name that does not resolve reaches nothing; the request itself will say so.
    return true;
  }
}

/**
 * A connection-time lookup that refuses any address that is not public: what a request from a public
 * origin actually connects to, whatever the name resolved to when it was checked (DNS rebinding).
 */
export function publicOnlyLookup(lookup: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (e, addresses) => {
      if (e) return callback(e, '', 0);
      const list = addresses as unknown as Array<{ address: string; family: number }>;
      const refused = list.find((a) => !isPublicAddress(a.address));
      if (refused) {
        const error = Object.assign(new Error(`${hostname} resolves to ${refused.address}, not a public address`), { code: 'EADDRNOTPUBLIC' });
        return callback(error, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
