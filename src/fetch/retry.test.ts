import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { createFetcher } from './fetcher.js';

const config = parseConfig('fetch: { retries: 2 }\n', '/x/b.yml', { env: {} });
const source = { id: 'a', url: 'https://feeds.test/a.xml', kind: 'feed' as const, category: 'c', site: 's', channel: 'ch', options: { items: 20 } };

/** A fetch that fails as Node's does when a connection cannot be made, with the given system code. */
function failing(code: string) {
  let calls = 0;
  const fetch = (async () => {
    calls++;
    throw new TypeError('fetch failed', { cause: { code, message: `getaddrinfo ${code} feeds.test` } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls: () => calls };
}

describe('retries on network errors', () => {
  const resolve = async () => ['93.184.216.34'];
  it('does not retry a name that does not resolve (issue: offline runs took 17 s)', async () => {
    const f = failing('ENOTFOUND');
    const r = await createFetcher(config.fetch, config.rsshub, { fetch: f.fetch, sleep: async () => undefined, resolve })(source);
    expect(r).toMatchObject({ kind: 'failed', attempts: 1, error: { code: 'fetch.network' } });
    expect(f.calls()).toBe(1);
  });

  it('retries a refused connection', async () => {
    const f = failing('ECONNREFUSED');
    const r = await createFetcher(config.fetch, config.rsshub, { fetch: f.fetch, sleep: async () => undefined, resolve })(source);
    expect(r).toMatchObject({ kind: 'failed', attempts: 3 });
    expect(f.calls()).toBe(3);
  });
});

/** Names the tests resolve, without a resolver: a public site, its CDN, and a name that points inside. */
const NAMES: Record<string, string[]> = { 'public.test': ['93.184.216.34'], 'cdn.public.test': ['93.184.216.35'], 'internal.test': ['93.184.216.36', '10.0.0.5'] };
const resolve = async (host: string): Promise<string[]> => {
  const found = NAMES[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};

describe('redirects (issue 13 #10, issue 25)', () => {
  /** A fetch that answers each URL from a table: a redirect or a feed. */
  const answering = (table: Record<string, string>) => {
    const seen: string[] = [];
    const fetch = (async (url: string) => {
      seen.push(url);
      const to = table[url];
      return to ? new Response(null, { status: 302, headers: { location: to } }) : new Response('<rss version="2.0"><channel><title>x</title></channel></rss>', { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    return { fetch, seen };
  };
  const feed = { ...source, url: 'https://public.test/feed' };

  it.each([
    { name: 'a data: URL', to: 'data:application/rss+xml,<rss/>', reason: 'a data: URL' },
    { name: 'a file: URL', to: 'file:///etc/passwd', reason: 'a file: URL' },
    { name: 'loopback written in hex, from a public address', to: 'http://0x7f000001:8080/secret', reason: 'a private address (127.0.0.1)' },
    { name: 'a private network address', to: 'http://192.168.1.1/admin', reason: 'a private address (192.168.1.1)' },
    { name: 'link-local metadata', to: 'http://169.254.169.254/latest/meta-data', reason: 'a private address (169.254.169.254)' },
    { name: 'loopback as an IPv4-mapped IPv6 address', to: 'http://[::ffff:127.0.0.1]:8080/secret', reason: 'a private address ([::ffff:7f00:1])' },
    { name: 'loopback as a long IPv4-mapped IPv6 address', to: 'http://[0:0:0:0:0:ffff:127.0.0.1]/secret', reason: 'a private address ([::ffff:7f00:1])' },
    { name: 'IPv6 loopback', to: 'http://[::1]/', reason: 'a private address ([::1])' },
    { name: 'an IPv6 unique-local address', to: 'http://[fd00::1]/', reason: 'a private address ([fd00::1])' },
    { name: 'an IPv6 link-local address', to: 'http://[fe80::1]/', reason: 'a private address ([fe80::1])' },
    { name: 'loopback as a decimal number', to: 'http://2130706433/', reason: 'a private address (127.0.0.1)' },
    { name: 'loopback abbreviated', to: 'http://127.1/', reason: 'a private address (127.0.0.1)' },
    { name: 'carrier-grade NAT', to: 'http://100.64.0.1/', reason: 'a private address (100.64.0.1)' },
    { name: 'the unspecified address', to: 'http://0.0.0.0/', reason: 'a private address (0.0.0.0)' },
    { name: 'a name that resolves to a private address too', to: 'http://internal.test/feed', reason: 'a private address (internal.test)' },
    { name: 'localhost', to: 'http://localhost:8080/', reason: 'a private address (localhost)' },
  ])('refuses a redirect to $name', async ({ to, reason }) => {
    const f = answering({ [feed.url]: to });
    const r = await createFetcher(config.fetch, config.rsshub, { fetch: f.fetch, sleep: async () => undefined, resolve })(feed);
    expect(r).toMatchObject({ kind: 'failed', error: { code: 'fetch.redirect-refused' } });
    expect(r.kind === 'failed' && r.error.message).toContain(reason);
    expect(f.seen).toEqual([feed.url]);
  });

  it('follows public redirects, and private ones when the config allows them or the source itself is private', async () => {
    const pub = answering({ [feed.url]: 'https://cdn.public.test/feed.xml' });
    expect(await createFetcher(config.fetch, config.rsshub, { fetch: pub.fetch, resolve })(feed)).toMatchObject({ kind: 'ok', finalUrl: 'https://cdn.public.test/feed.xml' });
    const allowed = parseConfig('fetch: { privateRedirects: true }\n', '/x/b.yml', { env: {} });
    const priv = answering({ [feed.url]: 'http://127.0.0.1:9/feed' });
    expect(await createFetcher(allowed.fetch, allowed.rsshub, { fetch: priv.fetch, resolve })(feed)).toMatchObject({ kind: 'ok' });
    const local = answering({ 'http://127.0.0.1:9/a': 'http://127.0.0.1:9/b' });
    expect(await createFetcher(config.fetch, config.rsshub, { fetch: local.fetch, resolve })({ ...source, url: 'http://127.0.0.1:9/a' })).toMatchObject({ kind: 'ok' });
  });
});
