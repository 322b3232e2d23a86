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
