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
  it('does not retry a name that does not resolve (issue: offline runs took 17 s)', async () => {
    const f = failing('ENOTFOUND');
    const r = await createFetcher(config.fetch, config.rsshub, { fetch: f.fetch, sleep: async () => undefined })(source);
    expect(r).toMatchObject({ kind: 'failed', attempts: 1, error: { code: 'fetch.network' } });
    expect(f.calls()).toBe(1);
  });

  it('retries a refused connection', async () => {
    const f = failing('ECONNREFUSED');
    const r = await createFetcher(config.fetch, config.rsshub, { fetch: f.fetch, sleep: async () => undefined })(source);
    expect(r).toMatchObject({ kind: 'failed', attempts: 3 });
    expect(f.calls()).toBe(3);
  });
});

describe('redirects (issue 13 #10)', () => {
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
  ])('refuses a redirect to $name', async ({ to, reason }) => {
    const f = answering({ [feed.url]: to });
    const r = await createFetcher(config.fetch, config.rsshub, { fetch: f.fetch, sleep: async () => undefined })(feed);
    expect(r).toMatchObject({ kind: 'failed', error: { code: 'fetch.redirect-refused' } });
    expect(r.kind === 'failed' && r.error.message).toContain(reason);
    expect(f.seen).toEqual([feed.url]);
  });

  it('follows public redirects, and private ones when the config allows them or the source itself is private', async () => {
    const pub = answering({ [feed.url]: 'https://cdn.public.test/feed.xml' });
    expect(await createFetcher(config.fetch, config.rsshub, { fetch: pub.fetch })(feed)).toMatchObject({ kind: 'ok', finalUrl: 'https://cdn.public.test/feed.xml' });
    const allowed = parseConfig('fetch: { privateRedirects: true }\n', '/x/b.yml', { env: {} });
    const priv = answering({ [feed.url]: 'http://127.0.0.1:9/feed' });
    expect(await createFetcher(allowed.fetch, allowed.rsshub, { fetch: priv.fetch })(feed)).toMatchObject({ kind: 'ok' });
    const local = answering({ 'http://127.0.0.1:9/a': 'http://127.0.0.1:9/b' });
    expect(await createFetcher(config.fetch, config.rsshub, { fetch: local.fetch })({ ...source, url: 'http://127.0.0.1:9/a' })).toMatchObject({ kind: 'ok' });
  });
});
