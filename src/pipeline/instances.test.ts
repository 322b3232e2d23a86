import { describe, expect, it } from 'vitest';
import { BroadsheetError, type ErrorCode } from '../shared/index.js';
import { parseConfig } from '../config/index.js';
import { sourcesFromConfig } from '../sources/index.js';
import { instanceRouter, verdictOf } from './instances.js';

const failed = (code: ErrorCode, httpStatus?: number, retryAfterMs?: number) => ({ status: 'failed' as const, error: new BroadsheetError(code, 'x'), ...(httpStatus ? { httpStatus } : {}), ...(retryAfterMs ? { retryAfterMs } : {}) });
const MIN = 60_000;

describe('verdictOf: what an answer says of the instance', () => {
  it.each([
    ['a feed', { status: 'ok' as const }, { kind: 'served' }],
    ['a 304', { status: 'not-modified' as const }, { kind: 'served' }],
    ['a 404 (the route is not on this instance)', failed('fetch.http', 404), { kind: 'not-here' }],
    ['no connection', failed('fetch.network'), { kind: 'unwell', opensAfter: 1, openMs: 10 * MIN }],
    ['a 429', failed('fetch.http', 429), { kind: 'unwell', opensAfter: 1, openMs: 30 * MIN }],
    ['a 403 (access key, or a block)', failed('fetch.http', 403), { kind: 'unwell', opensAfter: 1, openMs: 30 * MIN }],
    ['a challenge page', failed('feed.unrecognized'), { kind: 'unwell', opensAfter: 1, openMs: 30 * MIN }],
    ['a 503', failed('fetch.http', 503), { kind: 'unwell', opensAfter: 3, openMs: 10 * MIN }],
    ['a 503 with Retry-After: 2 hours', failed('fetch.http', 503, 120 * MIN), { kind: 'unwell', opensAfter: 1, openMs: 120 * MIN }],
    ['a time-out', failed('fetch.timeout'), { kind: 'unwell', opensAfter: 3, openMs: 10 * MIN }],
  ])('%s', (_name, outcome, verdict) => {
    expect(verdictOf(outcome)).toEqual(verdict);
  });
});

describe('instanceRouter', () => {
  const config = parseConfig('rsshub:\n  instances: [https://a.example, https://b.example, https://c.example]\nsources:\n  - route: /x/1\n    category: c\n    site: s\n    channel: ch\n', '/x/b.yml', { env: {} });
  const [source] = sourcesFromConfig(config);
  const now = new Date('2026-12-05T06:00:00Z');

  it('tries the instance that served a route first, with its validators; the others unconditionally', async () => {
    const router = await instanceRouter(config.rsshub, null);
    const attempts = await router.attempts(source!, { etag: '"e"', servedBy: 'https://b.example' }, now);
    expect(attempts.map((a) => [a.source.url, a.cache])).toEqual([
      ['https://b.example/x/1', { etag: '"e"', servedBy: 'https://b.example' }],
      ['https://a.example/x/1', {}],
      ['https://c.example/x/1', {}],
    ]);
  });

  it('leaves out an instance while it rests, and says until when all rest', async () => {
    const router = await instanceRouter(config.rsshub, null);
    for (const url of ['https://a.example', 'https://c.example']) await router.report(url, verdictOf(failed('fetch.http', 429)), failed('fetch.http', 429), now);
    expect((await router.attempts(source!, {}, now)).map((a) => a.instance)).toEqual(['https://b.example']);
    expect(router.restingUntil(now)).toBeNull();
    for (let n = 0; n < 3; n++) await router.report('https://b.example', verdictOf(failed('fetch.http', 503)), failed('fetch.http', 503), new Date(now.getTime() + n * MIN));
    expect(await router.attempts(source!, {}, now)).toEqual([]);
    expect(router.restingUntil(now)).toBe('2026-12-05T06:12:00.000Z');
    // Thirty minutes on, the first two have rested; a route served again closes the third at once.
    const later = new Date(now.getTime() + 31 * MIN);
    expect((await router.attempts(source!, {}, later)).map((a) => a.instance)).toEqual(['https://a.example', 'https://b.example', 'https://c.example']);
    await router.report('https://a.example', { kind: 'served' }, {}, later);
    expect(router.summary().map((i) => [i.url, i.failures, i.served])).toEqual([['https://a.example', 0, 1], ['https://b.example', 3, 0], ['https://c.example', 1, 0]]);
  });
});
