import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { Source } from '../../src/sources/index.js';
import { sampleItem } from '../helpers/items.js';
import { sha256Hex } from '../../src/shared/index.js';

const source = (id: string): Source => ({ id, url: `https://rsshub.test${id}`, kind: 'rsshub', category: '新媒体', site: `站点${id}`, channel: '频道', options: { items: 20 } });
const T0 = new Date('2026-11-01T00:00:00Z');
const later = (hours: number): Date => new Date(T0.getTime() + hours * 3_600_000);
const item = (key: string, over: Parameters<typeof sampleItem>[0] = {}) =>
  sampleItem({ id: sha256Hex(key), title: `标题 ${key}`, link: `https://news.test/${key}`, contentHash: `h-${key}`, ...over });

/** One contract for every Store implementation (habit: unstorage's testDriver). */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    const withStore = async (fn: (s: Store) => Promise<void>) => {
      const s = await open();
      try {
        await s.syncSources([source('/a'), source('/b')]);
        await fn(s);
      } finally {
        await s.close();
      }
    };

    it('creates, keeps and updates items by id without moving firstSeenAt', () =>
      withStore(async (s) => {
        const timing = { latencyMs: 10, cache: {} };
        expect(await s.recordSuccess('/a', [item('1'), item('2', { publishedAt: null, dateText: null })], { ...timing, at: T0 })).toMatchObject({ created: [sha256Hex('1'), sha256Hex('2')], updated: [], unchanged: [] });
        const r = await s.recordSuccess('/a', [item('1', { contentHash: 'changed', title: '新标题' }), item('2', { publishedAt: null, dateText: null })], { ...timing, at: later(5) });
        expect(r).toMatchObject({ created: [], updated: [sha256Hex('1')], unchanged: [sha256Hex('2')] });
        const stored = new Map((await s.items()).map((i) => [i.id, i]));
        expect(stored.get(sha256Hex('1'))).toMatchObject({ title: '新标题', firstSeenAt: T0.toISOString(), updatedAt: later(5).toISOString(), names: { category: '新媒体', site: '站点/a', channel: '频道' } });
        // An item without a date keeps the date of its first sighting.
        expect(stored.get(sha256Hex('2'))).toMatchObject({ publishedAt: null, firstSeenAt: T0.toISOString() });
      }));

    it('keeps a date the feed later drops', () =>
      withStore(async (s) => {
        await s.recordSuccess('/a', [item('d')], { at: T0, latencyMs: 1, cache: {} });
        await s.recordSuccess('/a', [item('d', { publishedAt: null, dateText: null, contentHash: 'x' })], { at: later(1), latencyMs: 1, cache: {} });
        expect((await s.items())[0]).toMatchObject({ publishedAt: item('d').publishedAt, dateText: item('d').dateText });
      }));

    it('records the same canonical link from a second source on the first story', () =>
      withStore(async (s) => {
        await s.recordSuccess('/a', [item('x', { link: 'https://news.test/story?id=7&utm_source=rss' })], { at: T0, latencyMs: 1, cache: {} });
        const r = await s.recordSuccess('/b', [item('y', { link: 'https://NEWS.test/story?utm_medium=feed&id=7#top' })], { at: later(1), latencyMs: 1, cache: {} });
        expect(r.duplicates).toEqual([sha256Hex('y')]);
        const all = await s.items();
        expect(all).toHaveLength(1);
        expect(all[0]!.sourceIds).toEqual(['/a', '/b']);
      }));

    it('keeps health: validators, success, failures in a row, latency, back-off', () =>
      withStore(async (s) => {
        await s.recordSuccess('/a', [item('1')], { at: T0, latencyMs: 100, cache: { etag: '"e1"', lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT' } });
        await s.recordFailure('/a', { code: 'fetch.http', status: 503, message: 'HTTP 503' }, { at: later(1), latencyMs: 300, nextAttemptAt: later(2) });
        await s.recordFailure('/a', { code: 'fetch.timeout', status: null, message: 'slow' }, { at: later(3), latencyMs: 200, nextAttemptAt: later(4) });
        expect(await s.healthOf('/a')).toMatchObject({
          lastSuccessAt: T0.toISOString(), lastAttemptAt: later(3).toISOString(), consecutiveFailures: 2, itemsSeen: 1, fetches: 3, averageLatencyMs: 200,
          nextAttemptAt: later(4).toISOString(), lastError: { code: 'fetch.timeout', status: null, message: 'slow', at: later(3).toISOString() },
          cache: { etag: '"e1"', lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT' },
        });
        await s.recordNotModified('/a', { at: later(5), latencyMs: 0, cache: { etag: '"e2"' } });
        expect(await s.healthOf('/a')).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null, lastSuccessAt: later(5).toISOString(), cache: { etag: '"e2"' } });
      }));

    it('prunes by age and per source, and never brings a pruned item back', () =>
      withStore(async (s) => {
        const dated = (k: string, daysAgo: number) => item(k, { publishedAt: new Date(T0.getTime() - daysAgo * 86_400_000).toISOString() });
        await s.recordSuccess('/a', [dated('new', 1), dated('mid', 10), dated('old', 100)], { at: T0, latencyMs: 1, cache: {} });
        await s.recordSuccess('/b', [dated('b1', 1), dated('b2', 2), dated('b3', 3)], { at: T0, latencyMs: 1, cache: {} });
        const pruned = await s.prune({ days: 90, perSource: 2 }, T0);
        expect(pruned.sort()).toEqual([sha256Hex('old'), sha256Hex('b3')].sort());
        expect((await s.items()).map((i) => i.title).sort()).toEqual(['标题 b1', '标题 b2', '标题 mid', '标题 new']);
        const again = await s.recordSuccess('/a', [dated('old', 100)], { at: later(1), latencyMs: 1, cache: {} });
        expect(again.tombstoned).toEqual([sha256Hex('old')]);
        expect(await s.items()).toHaveLength(4);
      }));

    it('remembers the posts it wrote', () =>
      withStore(async (s) => {
        await s.savePost({ itemId: 'i1', relPath: 'a/b/c/x.md', contentHash: 'h1' });
        await s.savePost({ itemId: 'i1', relPath: 'a/b/c/y.md', contentHash: 'h2' });
        await s.savePost({ itemId: 'i2', relPath: 'a/b/c/z.md', contentHash: 'h3' });
        await s.forgetPost('i2');
        expect(await s.posts()).toEqual([{ itemId: 'i1', relPath: 'a/b/c/y.md', contentHash: 'h2' }]);
      }));

    it('gives stable, unique abbrlinks, resolving collisions once', () =>
      withStore(async (s) => {
        const a = 'deadbeef' + '1'.repeat(56);
        const b = 'deadbeef' + '2'.repeat(56);
        const first = await s.abbrlinks([a, b]);
        expect(first.get(a)).toBe('deadbeef');
        expect(first.get(b)).toBe('22222222');
        const again = await s.abbrlinks([b, a]);
        expect([...again]).toEqual([[b, '22222222'], [a, 'deadbeef']]);
      }));
  });
}
