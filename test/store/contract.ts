import { describe, expect, it } from 'vitest';
import type { ItemQuery, SourceRecord, Store } from '../../src/store/index.js';
import type { Source } from '../../src/sources/index.js';
import { contentItem } from '../helpers/items.js';
import { allItems } from '../helpers/store.js';
import { sha256Hex } from '../../src/shared/index.js';

const source = (id: string, over: Partial<Source> = {}): Source => ({ id, url: `https://rsshub.test${id}`, kind: 'rsshub', category: '新媒体', site: `站点${id}`, channel: '频道', options: { items: 20 }, ...over });
const T0 = new Date('2026-11-01T00:00:00Z');
const later = (hours: number): Date => new Date(T0.getTime() + hours * 3_600_000);
const item = (key: string, over: Parameters<typeof contentItem>[0] = {}) =>
  contentItem({ id: sha256Hex(key), title: `标题 ${key}`, link: `https://news.test/${key}`, contentHash: `h-${key}`, ...over });
const ok = (at: Date) => ({ at, latencyMs: 1, cache: {} });
const LEASE = { owner: 'host:1:a', ms: 60_000 };

/** One contract for every Store implementation (habit: unstorage's testDriver). */
export function storeContract(name: string, open: () => Promise<Store>): void {
  const withStore = async (fn: (s: Store) => Promise<void>) => {
    const s = await open();
    try {
      await s.sources.sync([source('/a'), source('/b')]);
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe(`${name} store contract: items`, () => {
    it('creates, keeps and updates items by id without moving firstSeenAt', () =>
      withStore(async (s) => {
        expect(await s.sources.recordSuccess('/a', [item('1'), item('2', { publishedAt: null, dateText: null })], ok(T0))).toMatchObject({ created: [sha256Hex('1'), sha256Hex('2')], updated: [], unchanged: [] });
        const r = await s.sources.recordSuccess('/a', [item('1', { contentHash: 'changed', title: '新标题' }), item('2', { publishedAt: null, dateText: null })], ok(later(5)));
        expect(r).toMatchObject({ created: [], updated: [sha256Hex('1')], unchanged: [sha256Hex('2')] });
        const stored = new Map((await allItems(s)).map((i) => [i.id, i]));
        expect(stored.get(sha256Hex('1'))).toMatchObject({ title: '新标题', firstSeenAt: T0.toISOString(), updatedAt: later(5).toISOString(), names: { category: '新媒体', site: '站点/a', channel: '频道' } });
        // An item without a date keeps the date of its first sighting, and sorts by it.
        expect(stored.get(sha256Hex('2'))).toMatchObject({ publishedAt: null, firstSeenAt: T0.toISOString(), sortAt: T0.toISOString() });
      }));

    it('keeps a date the feed later drops', () =>
      withStore(async (s) => {
        await s.sources.recordSuccess('/a', [item('d')], ok(T0));
        await s.sources.recordSuccess('/a', [item('d', { publishedAt: null, dateText: null, contentHash: 'x' })], ok(later(1)));
        expect((await allItems(s))[0]).toMatchObject({ publishedAt: item('d').publishedAt, dateText: item('d').dateText });
      }));

    it('records the same canonical link from a second source on the first story', () =>
      withStore(async (s) => {
        await s.sources.recordSuccess('/a', [item('x', { link: 'https://news.test/story?id=7&utm_source=rss' })], ok(T0));
        const r = await s.sources.recordSuccess('/b', [item('y', { link: 'https://NEWS.test/story?utm_medium=feed&id=7#top' })], ok(later(1)));
        expect(r.duplicates).toEqual([sha256Hex('y')]);
        const all = await allItems(s);
        expect(all).toHaveLength(1);
        expect(all[0]!.sourceIds).toEqual(['/a', '/b']);
      }));

    it('lists a story\'s carriers as its own source, then the others by when they first carried it', () =>
      withStore(async (s) => {
        // /b first in the config, so the story stays its own; /c carries it before /a does.
        await s.sources.sync([source('/b'), source('/c'), source('/a')]);
        await s.sources.recordSuccess('/b', [item('x', { link: 'https://news.test/three' })], ok(T0));
        await s.sources.recordSuccess('/c', [item('y', { link: 'https://news.test/three' })], ok(later(1)));
        await s.sources.recordSuccess('/a', [item('z', { link: 'https://news.test/three' })], ok(later(2)));
        expect((await allItems(s)).map((i) => i.sourceIds)).toEqual([['/b', '/c', '/a']]);
      }));

    it('keeps a canonical link to the story that had it first: an item edited onto another story\'s link stays itself (issue 21)', () =>
      withStore(async (s) => {
        await s.sources.recordSuccess('/a', [item('x', { link: 'https://news.test/one' })], ok(T0));
        await s.sources.recordSuccess('/b', [item('y', { link: 'https://news.test/two' })], ok(T0));
        // /a's feed edits x's link onto y's: x is updated and shows the new link; y keeps the canonical link.
        for (const hour of [1, 2]) {
          const r = await s.sources.recordSuccess('/a', [item('x', { link: 'https://news.test/two?utm_source=a', contentHash: `moved-${hour}` })], ok(later(hour)));
          expect(r).toMatchObject({ updated: [sha256Hex('x')], duplicates: [] });
        }
        const stored = new Map((await allItems(s)).map((i) => [i.title, i]));
        expect(stored.size).toBe(2);
        expect(stored.get('标题 x')).toMatchObject({ link: 'https://news.test/two?utm_source=a', sourceIds: ['/a'] });
        // A third report of that link, from a later source, joins the story that had it first.
        await s.sources.sync([source('/a'), source('/b'), source('/c')]);
        const r = await s.sources.recordSuccess('/c', [item('z', { link: 'https://news.test/two' })], ok(later(3)));
        expect(r.duplicates).toEqual([sha256Hex('z')]);
        expect((await allItems(s)).find((i) => i.title === '标题 y')!.sourceIds).toEqual(['/b', '/c']);
      }));

    it('gives a shared story to the source on its own site, else to the earlier source in the config', () =>
      withStore(async (s) => {
        await s.sources.sync([source('/legit', { url: 'https://legit.example/feed.xml', site: '正牌' }), source('/a'), source('/hostile', { url: 'https://evil.example/rss', site: '冒牌' })]);
        await s.sources.recordSuccess('/hostile', [item('h', { link: 'https://legit.example/news/1?utm_source=x', title: '假标题', contentHash: 'h-1' })], ok(T0));
        const taken = await s.sources.recordSuccess('/legit', [item('l', { link: 'https://LEGIT.example/news/1#top', title: '真标题', contentHash: 'l-1' })], ok(later(1)));
        expect(taken.updated).toEqual([sha256Hex('h')]);
        const check = async (title: string, sourceIds: string[]) => {
          const all = await allItems(s);
          expect(all.map((i) => [i.id, i.title, i.names.site, i.sourceIds])).toEqual([[sha256Hex('h'), title, sourceIds[0] === '/legit' ? '正牌' : '站点/a', sourceIds]]);
        };
        await check('真标题', ['/legit', '/hostile']);
        // The hostile feed again, with another title: still the legitimate story; the owner's edit is taken.
        expect((await s.sources.recordSuccess('/hostile', [item('h', { link: 'https://legit.example/news/1', title: '假标题 2', contentHash: 'h-2' })], ok(later(2)))).duplicates).toEqual([sha256Hex('h')]);
        await check('真标题', ['/legit', '/hostile']);
        await s.sources.recordSuccess('/legit', [item('l', { link: 'https://legit.example/news/1', title: '真标题（更新）', contentHash: 'l-2' })], ok(later(3)));
        await check('真标题（更新）', ['/legit', '/hostile']);
        // Neither on the story's site: the earlier in the config owns it.
        await s.sources.recordSuccess('/hostile', [item('h2', { link: 'https://third.example/2', title: '后者', contentHash: 'h2' })], ok(later(4)));
        await s.sources.recordSuccess('/a', [item('a2', { link: 'https://third.example/2', title: '前者', contentHash: 'a2' })], ok(later(5)));
        expect((await allItems(s)).find((i) => i.id === sha256Hex('h2'))).toMatchObject({ title: '前者', sourceIds: ['/a', '/hostile'] });
      }));

    it('prunes by first sighting and per source, never what a feed still lists, and lets a pruned item return with its first sighting (issue 20)', () =>
      withStore(async (s) => {
        const yearOld = (k: string) => item(k, { publishedAt: new Date(T0.getTime() - 365 * 86_400_000).toISOString() });
        const DAY = 24;
        // Dated a year ago but first seen now: nothing is old enough to go.
        await s.sources.recordSuccess('/a', [yearOld('a1'), yearOld('a2'), yearOld('a3')], ok(T0));
        await s.sources.recordSuccess('/b', [yearOld('b1'), yearOld('b2'), yearOld('b3')], ok(T0));
        expect(await s.items.prune({ days: 90 }, later(DAY))).toEqual([]);
        // 100 days on: /a's feed now lists only a3 and a4; /b's still lists all three (a slow blog).
        const t100 = later(100 * DAY);
        await s.sources.recordSuccess('/a', [yearOld('a4')], { ...ok(t100), listed: [sha256Hex('a3'), sha256Hex('a4')] });
        await s.sources.recordSuccess('/b', [], { ...ok(t100), listed: ['b1', 'b2', 'b3'].map((k) => sha256Hex(k)) });
        expect((await s.items.prune({ days: 90 }, t100)).sort()).toEqual([sha256Hex('a1'), sha256Hex('a2')].sort());
        expect((await allItems(s)).map((i) => i.title).sort()).toEqual(['标题 a3', '标题 a4', '标题 b1', '标题 b2', '标题 b3']);
        // perSource never cuts what the feed lists either.
        expect(await s.items.prune({ perSource: 1 }, t100)).toEqual([]);
        // A raised limit: /a's feed lists a1 again, which returns first seen at T0, and is old enough to go once it is no longer listed.
        const again = await s.sources.recordSuccess('/a', [yearOld('a1')], { ...ok(later(101 * DAY)), listed: ['a1', 'a3', 'a4'].map((k) => sha256Hex(k)) });
        expect(again).toMatchObject({ created: [sha256Hex('a1')], returned: [sha256Hex('a1')] });
        expect((await allItems(s)).find((i) => i.title === '标题 a1')!.firstSeenAt).toBe(T0.toISOString());
        await s.sources.recordSuccess('/a', [], { ...ok(later(102 * DAY)), listed: [sha256Hex('a4')] });
        expect((await s.items.prune({ days: 90 }, later(102 * DAY))).sort()).toEqual([sha256Hex('a1'), sha256Hex('a3')].sort());
      }));

    it('keeps a story another source owns while a carrier\'s feed lists it', () =>
      withStore(async (s) => {
        await s.sources.recordSuccess('/a', [item('x', { link: 'https://news.test/shared' })], ok(T0));
        await s.sources.recordSuccess('/b', [item('y', { link: 'https://news.test/shared' })], ok(T0));
        // /a no longer lists it; /b's feed does, under its own entry id.
        await s.sources.recordSuccess('/a', [], { ...ok(later(24 * 100)), listed: [] });
        expect(await s.items.prune({ days: 90 }, later(24 * 100))).toEqual([]);
        await s.sources.recordSuccess('/b', [], { ...ok(later(24 * 100)), listed: [] });
        expect(await s.items.prune({ days: 90 }, later(24 * 100))).toEqual([sha256Hex('x')]);
      }));

    it('pages newest first by keyset, skipping and repeating nothing while items are added', () =>
      withStore(async (s) => {
        const at = (k: number) => new Date(T0.getTime() - k * 60_000).toISOString();
        await s.sources.recordSuccess('/a', Array.from({ length: 25 }, (_, k) => item(`p${k}`, { publishedAt: at(k) })), ok(T0));
        // Three items share one instant: the id breaks the tie.
        await s.sources.recordSuccess('/b', ['t1', 't2', 't3'].map((k) => item(k, { publishedAt: at(12) })), ok(T0));
        const expected = (await s.items.query({ fields: 'summary', limit: 1000 })).items.map((i) => i.id);
        expect(expected).toHaveLength(28);
        const seen: string[] = [];
        let page = await s.items.query({ fields: 'summary', limit: 5 });
        for (let n = 0; ; n++) {
          seen.push(...page.items.map((i) => i.id));
          if (!page.next) break;
          // Newer items arrive between pages: they belong before the cursor and change nothing after it.
          await s.sources.recordSuccess('/b', [item(`late${n}`, { publishedAt: later(n + 1).toISOString() })], ok(later(n + 1)));
          page = await s.items.query({ fields: 'summary', limit: 5, after: page.next });
        }
        expect(seen).toEqual(expected);
        expect(page.items.length).toBeGreaterThan(0);
        // Places alone: the same items in the same order, with where they stand and when they changed, and nothing else.
        const full = (await s.items.query({ fields: 'summary', limit: 1000 })).items;
        const places = await s.items.query({ fields: 'place', limit: 1000 });
        expect(places.items).toEqual(full.map((i) => ({ id: i.id, sortAt: i.sortAt, updatedAt: i.updatedAt })));
        expect((await s.items.query({ fields: 'place', limit: 5, after: (await s.items.query({ fields: 'place', limit: 5 })).next })).items.map((i) => i.id)).toEqual(full.slice(5, 10).map((i) => i.id));
        // Cards: what a list shows of each, the same values as the summary's, names and story included.
        await s.stories.assign([{ id: full[1]!.id, storyId: full[0]!.id, keys: ['央行'], at: full[1]!.sortAt }]);
        await s.sources.recordSuccess('/a', [item('p0', { publishedAt: at(0), image: 'https://img.test/p0.jpg', excerpt: '摘要', contentHash: 'h-p0-pictured' })], ok(T0));
        full.splice(0, full.length, ...(await s.items.query({ fields: 'summary', limit: 1000 })).items);
        expect(full.some((i) => i.image !== null) && full.some((i) => i.storyId !== null)).toBe(true);
        const cards = await s.items.query({ fields: 'card', limit: 1000, category: full[0]!.names.category });
        const pick = ({ id, title, link, publishedAt, excerpt, image, sortAt, names, storyId }: (typeof full)[number]) => ({ id, title, link, publishedAt, excerpt, image, sortAt, names, storyId });
        expect(cards.items).toEqual(full.filter((i) => i.names.category === full[0]!.names.category).map(pick));
        expect(cards.items.length).toBeGreaterThan(0);
        expect((await s.items.query({ fields: 'card', limit: 1000 })).items).toEqual(full.map(pick));
      }));

    it('pages oldest first by keyset, the reverse of newest first, with or without names', () =>
      withStore(async (s) => {
        const at = (k: number) => new Date(T0.getTime() - k * 60_000).toISOString();
        await s.sources.recordSuccess('/a', Array.from({ length: 12 }, (_, k) => item(`p${k}`, { publishedAt: at(k) })), ok(T0));
        await s.sources.recordSuccess('/b', ['t1', 't2', 't3'].map((k) => item(k, { publishedAt: at(6) })), ok(T0));
        for (const names of [{}, { site: '站点/a' }]) {
          const newest = (await s.items.query({ ...names, fields: 'summary', limit: 1000 })).items.map((i) => i.id);
          expect(newest.length).toBeGreaterThan(10);
          const seen: string[] = [];
          let page = await s.items.query({ ...names, fields: 'summary', limit: 4, oldestFirst: true });
          for (;;) {
            seen.push(...page.items.map((i) => i.id));
            if (!page.next) break;
            page = await s.items.query({ ...names, fields: 'summary', limit: 4, oldestFirst: true, newer: page.next });
          }
          expect(seen).toEqual([...newest].reverse());
        }
      }));

    it('counts the items between two places of a list, with or without names and stories', () =>
      withStore(async (s) => {
        const at = (k: number) => new Date(T0.getTime() - k * 60_000).toISOString();
        await s.sources.recordSuccess('/a', Array.from({ length: 12 }, (_, k) => item(`p${k}`, { publishedAt: at(k) })), ok(T0));
        await s.sources.recordSuccess('/b', ['t1', 't2', 't3'].map((k) => item(k, { publishedAt: at(6) })), ok(T0));
        for (const names of [{}, { site: '站点/a' }, { stories: true }]) {
          const all = (await s.items.query({ ...names, fields: 'summary', limit: 1000 })).items;
          const place = (k: number) => ({ sortAt: all[k]!.sortAt, id: all[k]!.id });
          for (const [a, b] of [[0, 1], [1, 5], [2, all.length - 1]] as const) {
            expect({ names, a, b, n: await s.items.count({ ...names, newer: place(b), after: place(a) }) }).toEqual({ names, a, b, n: b - a - 1 });
          }
        }
      }));

    it('filters pages by category, site and channel, and counts items per name', () =>
      withStore(async (s) => {
        await s.sources.sync([source('/c', { category: '科技', site: '站点/a', channel: '频道' })]);
        await s.sources.recordSuccess('/a', [item('a1'), item('a2')], ok(T0));
        await s.sources.recordSuccess('/c', [item('c1')], ok(T0));
        const bySite = await s.items.query({ fields: 'summary', limit: 10, site: '站点/a' });
        expect(bySite.items.map((i) => i.title).sort()).toEqual(['标题 a1', '标题 a2', '标题 c1']);
        const byCategory = await s.items.query({ fields: 'summary', limit: 10, category: '科技', site: '站点/a', channel: '频道' });
        expect(byCategory.items.map((i) => i.title)).toEqual(['标题 c1']);
        expect(byCategory.items[0]).not.toHaveProperty('html');
        expect(await s.items.counts()).toEqual({
          channels: [{ category: '新媒体', site: '站点/a', channel: '频道', items: 2 }, { category: '科技', site: '站点/a', channel: '频道', items: 1 }],
          sites: [{ category: '新媒体', site: '站点/a', items: 2 }, { category: '科技', site: '站点/a', items: 1 }],
          categories: [{ category: '新媒体', items: 2 }, { category: '科技', items: 1 }],
          total: 3,
        });
      }));

    it('lists a story under every source that carried it, each once, and its article under its owner only (issue 20)', () =>
      withStore(async (s) => {
        // /b and /c carry /a's stories; /c and /d share names; /d carries one story twice over (two entries, one link).
        await s.sources.sync([source('/c', { site: '站点/b' }), source('/d', { site: '站点/b', channel: '另一个' })]);
        await s.sources.recordSuccess('/a', [item('s1', { publishedAt: T0.toISOString() }), item('s2', { publishedAt: later(-1).toISOString() })], ok(T0));
        await s.sources.recordSuccess('/b', [item('b1', { link: 'https://news.test/s1' }), item('b2', { link: 'https://news.test/s2' })], ok(later(1)));
        await s.sources.recordSuccess('/c', [item('c1', { link: 'https://news.test/s1' })], ok(later(2)));
        const titles = async (q: ItemQuery<'summary'>) => {
          const seen: string[] = [];
          for (let after = null as Awaited<ReturnType<Store['items']['query']>>['next'], n = 0; n < 10; n++) {
            const page = await s.items.query({ ...q, after, limit: 1 });
            seen.push(...page.items.map((i) => i.title));
            if (!(after = page.next)) break;
          }
          return seen;
        };
        expect(await titles({ fields: 'summary', limit: 1, category: '新媒体', site: '站点/b', channel: '频道' })).toEqual(['标题 s1', '标题 s2']);
        expect(await titles({ fields: 'summary', limit: 1, category: '新媒体', site: '站点/b' })).toEqual(['标题 s1', '标题 s2']);
        expect(await titles({ fields: 'summary', limit: 1, category: '新媒体' })).toEqual(['标题 s1', '标题 s2']);
        expect(await titles({ fields: 'summary', limit: 1, category: '新媒体', site: '站点/b', channel: '频道', ownedOnly: true })).toEqual([]);
        expect(await titles({ fields: 'summary', limit: 1, category: '新媒体', site: '站点/a', channel: '频道', ownedOnly: true })).toEqual(['标题 s1', '标题 s2']);
        expect(await s.items.count({ category: '新媒体', site: '站点/b' })).toBe(2);
        expect(await s.items.counts()).toEqual({
          channels: [{ category: '新媒体', site: '站点/a', channel: '频道', items: 2 }, { category: '新媒体', site: '站点/b', channel: '频道', items: 2 }],
          sites: [{ category: '新媒体', site: '站点/a', items: 2 }, { category: '新媒体', site: '站点/b', items: 2 }],
          categories: [{ category: '新媒体', items: 2 }],
          total: 2,
        });
        // A renamed carrier lists its stories under its new names, and readers are told they changed.
        const before = await s.items.lastSeq();
        await s.sources.sync([source('/a'), source('/b', { site: '站点/新' }), source('/c', { site: '站点/b' })]);
        expect(await titles({ fields: 'summary', limit: 1, category: '新媒体', site: '站点/新' })).toEqual(['标题 s1', '标题 s2']);
        expect(await titles({ fields: 'summary', limit: 1, category: '新媒体', site: '站点/b' })).toEqual(['标题 s1']);
        expect((await s.items.changes(before, 10, 'summary')).map((i) => i.title).sort()).toEqual(['标题 s1', '标题 s2']);
        // A story whose date changes keeps its place in every list it is in.
        await s.sources.recordSuccess('/a', [item('s2', { publishedAt: later(5).toISOString(), contentHash: 'new' })], ok(later(3)));
        expect(await titles({ fields: 'summary', limit: 1, category: '新媒体', site: '站点/新' })).toEqual(['标题 s2', '标题 s1']);
      }));

    it('counts items per day in a given offset and pages one day by since and until', () =>
      withStore(async (s) => {
        const at = ['2026-11-01T15:59:00.000Z', '2026-11-01T16:00:00.000Z', '2026-11-02T01:00:00.000Z'];
        await s.sources.recordSuccess('/a', at.map((d, k) => item(`d${k}`, { publishedAt: d })), ok(T0));
        expect(await s.items.days(0)).toEqual([{ day: '2026-11-02', items: 1 }, { day: '2026-11-01', items: 2 }]);
        expect(await s.items.days(480)).toEqual([{ day: '2026-11-02', items: 2 }, { day: '2026-11-01', items: 1 }]);
        const day = await s.items.query({ fields: 'summary', limit: 10, since: '2026-11-01T16:00:00.000Z', until: '2026-11-02T16:00:00.000Z' });
        expect(day.items.map((i) => i.title)).toEqual(['标题 d2', '标题 d1']);
        expect(await s.items.count({ since: '2026-11-01T16:00:00.000Z', until: '2026-11-02T16:00:00.000Z' })).toBe(2);
        expect(await s.items.count({ until: '2026-11-01T16:00:00.000Z' })).toBe(1);
        expect(await s.items.count({})).toBe(3);
        expect(await s.items.count({ category: 'none' })).toBe(0);
        // Per source and day, since an instant: what the sources page draws.
        expect(await s.items.activity('2026-11-01T16:00:00.000Z', 480)).toEqual([{ sourceId: '/a', day: '2026-11-02', items: 2 }]);
      }));

    it('reads items by id with or without their HTML, in the order asked', () =>
      withStore(async (s) => {
        await s.sources.recordSuccess('/a', [item('1'), item('2')], ok(T0));
        const [two, one] = await s.items.byIds([sha256Hex('2'), sha256Hex('1'), sha256Hex('missing')], 'full');
        expect([two!.title, one!.title]).toEqual(['标题 2', '标题 1']);
        expect(one!.html).toBe(item('1').html);
        expect(await s.items.byIds([sha256Hex('1')], 'summary')).toEqual([expect.not.objectContaining({ html: expect.anything() })]);
      }));

    it('numbers every change, so a reader asks only for what changed since it last looked', () =>
      withStore(async (s) => {
        expect(await s.items.lastSeq()).toBe(0);
        await s.sources.recordSuccess('/a', [item('1'), item('2')], ok(T0));
        const mark = await s.items.lastSeq();
        expect(await s.items.changes(mark, 10, 'summary')).toEqual([]);
        await s.sources.recordSuccess('/a', [item('1'), item('2', { contentHash: 'edited' })], ok(later(1))); // 1 unchanged
        await s.sources.recordSuccess('/b', [item('3')], ok(later(1)));
        expect((await s.items.changes(mark, 10, 'full')).map((i) => i.title)).toEqual(['标题 2', '标题 3']);
        // Renaming a source files its items elsewhere: they change too.
        const mark2 = await s.items.lastSeq();
        await s.sources.sync([source('/b', { channel: '新频道' })]);
        expect((await s.items.changes(mark2, 10, 'summary')).map((i) => [i.title, i.names.channel])).toEqual([['标题 3', '新频道']]);
      }));

    it('keeps each output\'s own values by name, apart from its notes on items and from other outputs', () =>
      withStore(async (s) => {
        const [site, hexo] = [s.outputs('site'), s.outputs('hexo')];
        await site.setValues(new Map([['fingerprint', 'f1'], ['search', '{"tiers":[]}']]));
        await site.setValues(new Map([['fingerprint', 'f2']]));
        await hexo.setValues(new Map([['fingerprint', 'h']]));
        expect(Object.fromEntries(await site.values(['fingerprint', 'search', 'nothing']))).toEqual({ fingerprint: 'f2', search: '{"tiers":[]}' });
        expect((await site.notes(['fingerprint'])).size).toBe(0);
        expect(Object.fromEntries(await hexo.values(['fingerprint']))).toEqual({ fingerprint: 'h' });
      }));

    it('keeps a migrated post\'s front matter with the story it became, and lets it go with the item', () =>
      withStore(async (s) => {
        const [a, b] = [item('1'), item('2')];
        await s.items.importItems('/a', [a, b], T0, new Map([[a.id, 'title: 一\nabbrlink: 1a2b3c4d'], [b.id, 'title: 二']]));
        expect(Object.fromEntries(await s.items.importedFrontMatter([b.id, a.id, 'nothing']))).toEqual({ [a.id]: 'title: 一\nabbrlink: 1a2b3c4d', [b.id]: 'title: 二' });
        expect(await s.items.importedIds()).toEqual([a.id, b.id].sort());
        await s.items.prune({ perSource: 1 }, later(1));
        expect((await s.items.importedFrontMatter([a.id, b.id])).size).toBe(1);
        expect(await s.items.importedIds()).toHaveLength(1);
      }));
  });

  describe(`${name} store contract: sources`, () => {
    it('keeps health: validators, success, failures in a row, latency, back-off', () =>
      withStore(async (s) => {
        await s.sources.recordSuccess('/a', [item('1')], { at: T0, latencyMs: 100, cache: { etag: '"e1"', lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT' } });
        await s.sources.recordFailure('/a', { code: 'fetch.http', status: 503, message: 'HTTP 503' }, { at: later(1), latencyMs: 300, nextAttemptAt: later(2) });
        await s.sources.recordFailure('/a', { code: 'fetch.timeout', status: null, message: 'slow' }, { at: later(3), latencyMs: 200, nextAttemptAt: later(4) });
        expect(await s.sources.get('/a')).toMatchObject({
          lastSuccessAt: T0.toISOString(), lastAttemptAt: later(3).toISOString(), consecutiveFailures: 2, itemsSeen: 1, fetches: 3, averageLatencyMs: 200,
          nextAttemptAt: later(4).toISOString(), lastError: { code: 'fetch.timeout', status: null, message: 'slow', at: later(3).toISOString() },
          cache: { etag: '"e1"', lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT' },
        });
        await s.sources.recordNotModified('/a', { at: later(5), latencyMs: 0, cache: { etag: '"e2"' } });
        expect(await s.sources.get('/a')).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null, lastSuccessAt: later(5).toISOString(), cache: { etag: '"e2"' } });
      }));

    it('records a batch of sources as if one after another: a story another source of the batch brought or told is read again', async () => {
      const [batched, alone] = [await open(), await open()];
      try {
        const sources = ['/a', '/b', '/c', '/d', '/e'].map((id) => source(id));
        const before = [{ id: '/a', items: [item('p'), item('q')] }];
        const batch: SourceRecord[] = [
          // /b carries /a's story p and brings n.
          { kind: 'success', sourceId: '/b', items: [item('p2', { link: 'https://news.test/p' }), item('n1', { link: 'https://news.test/n' })], ...ok(later(1)) },
          // /a tells p anew, brings n too (earlier in the config: it takes n over from /b) and lists q unchanged.
          { kind: 'success', sourceId: '/a', items: [item('p', { contentHash: 'h-p-new', title: '新的 p' }), item('n2', { link: 'https://news.test/n' }), item('q')], ...ok(later(2)) },
          // /c carries p as /a has just told it, and brings the same new story twice.
          { kind: 'success', sourceId: '/c', items: [item('p3', { link: 'https://news.test/p', contentHash: 'h-p-new' }), item('m'), item('m', { contentHash: 'h-m2' })], ...ok(later(3)) },
          { kind: 'failure', sourceId: '/d', error: { code: 'fetch.http', status: 503, message: 'HTTP 503' }, at: later(4), latencyMs: 30, nextAttemptAt: later(5) },
          { kind: 'not-modified', sourceId: '/e', at: later(4), latencyMs: 7, cache: { etag: '"e"' } },
        ];
        for (const s of [batched, alone]) {
          await s.sources.sync(sources);
          for (const b of before) await s.sources.recordSuccess(b.id, b.items, ok(T0));
        }
        const together = await batched.sources.record(batch);
        const oneByOne = [];
        for (const r of batch) oneByOne.push((await alone.sources.record([r]))[0]);
        expect(together).toEqual(oneByOne);
        expect(together.slice(0, 3)).toMatchObject([
          { created: [sha256Hex('n1')], duplicates: [sha256Hex('p2')] },
          { updated: [sha256Hex('p'), sha256Hex('n1')], unchanged: [sha256Hex('q')] },
          { created: [sha256Hex('m')], updated: [sha256Hex('m')], duplicates: [sha256Hex('p3')] },
        ]);
        expect(together.slice(3)).toEqual([null, null]);
        const byId = (list: Awaited<ReturnType<typeof allItems>>) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
        expect(byId(await allItems(batched))).toEqual(byId(await allItems(alone)));
        expect(await batched.sources.all()).toEqual(await alone.sources.all());
        const n = (await allItems(batched)).find((i) => i.id === sha256Hex('n1'))!;
        expect(n.sourceIds).toEqual(['/a', '/b']);
        expect(await batched.sources.get('/d')).toMatchObject({ consecutiveFailures: 1, lastError: { code: 'fetch.http', status: 503 }, nextAttemptAt: later(5).toISOString() });
        expect(await batched.sources.get('/e')).toMatchObject({ fetches: 1, cache: { etag: '"e"' } });
      } finally {
        await Promise.all([batched.close(), alone.close()]);
      }
    });

    it('never gives one source to two claimants, and frees it when its result is recorded or its lease ends', () =>
      withStore(async (s) => {
        await s.sources.sync(Array.from({ length: 10 }, (_, i) => source(`/s${i}`)));
        const [x, y] = await Promise.all([s.sources.claimDue(T0, 7, { owner: 'h:1:x', ms: 60_000 }), s.sources.claimDue(T0, 7, { owner: 'h:2:y', ms: 60_000 })]);
        const ids = [...x, ...y].map((h) => h.sourceId);
        expect(ids).toHaveLength(12); // /a, /b and ten more: all claimed, none twice
        expect(new Set(ids).size).toBe(12);
        expect(await s.sources.claimDue(T0, 10, { owner: 'h:3:z', ms: 60_000 })).toEqual([]);
        expect((await s.sources.leases(T0)).filter((l) => l.owner === 'h:1:x').map((l) => l.sourceId).sort()).toEqual(x.map((h) => h.sourceId).sort());
        await s.sources.recordNotModified(x[0]!.sourceId, { at: T0, latencyMs: 1, cache: {} });
        await s.sources.release(x[1]!.sourceId, 'h:1:x');
        await s.sources.release(x[2]!.sourceId, 'someone else'); // not theirs: nothing happens
        expect((await s.sources.claimDue(T0, 10, { owner: 'h:3:z', ms: 60_000 })).map((h) => h.sourceId).sort()).toEqual([x[0]!.sourceId, x[1]!.sourceId].sort());
        // After the lease, another claimant may take what was never recorded.
        expect((await s.sources.claimDue(new Date(T0.getTime() + 61_000), 20, { owner: 'h:4:w', ms: 60_000 })).length).toBe(12);
      }));

    it('renews every claim its owner still holds, and no other', () =>
      withStore(async (s) => {
        const x = await s.sources.claimDue(T0, 1, { owner: 'h:1:x', ms: 60_000 });
        const y = await s.sources.claimDue(T0, 1, { owner: 'h:2:y', ms: 60_000 });
        expect(x).toHaveLength(1);
        expect(y).toHaveLength(1);
        // Renewed before it ends: another claimant finds nothing at the old end, only at the new one.
        expect(await s.sources.renew('h:1:x', new Date(T0.getTime() + 120_000))).toBe(1);
        expect((await s.sources.claimDue(new Date(T0.getTime() + 61_000), 10, { owner: 'h:3:z', ms: 60_000 })).map((h) => h.sourceId)).toEqual([y[0]!.sourceId]);
        expect((await s.sources.claimDue(new Date(T0.getTime() + 121_000), 10, { owner: 'h:4:w', ms: 60_000 })).map((h) => h.sourceId).sort()).toEqual(['/a', '/b']);
        // What another holds now, or what was recorded, is not renewed.
        expect(await s.sources.renew('h:2:y', new Date(T0.getTime() + 600_000))).toBe(0);
        await s.sources.recordNotModified(x[0]!.sourceId, { at: new Date(T0.getTime() + 122_000), latencyMs: 1, cache: {} });
        expect(await s.sources.renew('h:4:w', new Date(T0.getTime() + 600_000))).toBe(1);
      }));

    it('leaves a backing-off source out of claims unless forced, and claims only the ids asked', () =>
      withStore(async (s) => {
        await s.sources.recordFailure('/a', { code: 'fetch.http', status: 500, message: 'down' }, { at: T0, latencyMs: 1, nextAttemptAt: later(1) });
        expect((await s.sources.claimDue(T0, 10, LEASE)).map((h) => h.sourceId)).toEqual(['/b']);
        expect(await s.sources.claimDue(T0, 10, LEASE, { ids: ['/a'] })).toEqual([]);
        const [forced] = await s.sources.claimDue(T0, 10, LEASE, { ids: ['/a'], force: true });
        expect(forced).toMatchObject({ sourceId: '/a', consecutiveFailures: 1 });
        expect(await s.sources.claimDue(T0, 10, { ...LEASE, owner: 'other:2:b' }, { ids: ['/a'], force: true })).toEqual([]); // leased to LEASE.owner
      }));
  });

  describe(`${name} store contract: outputs and runs`, () => {
    it('keeps each output its own manifest', () =>
      withStore(async (s) => {
        const hexo = s.outputs('hexo');
        await hexo.save([{ itemId: 'i1', relPath: 'a/b/c/x.md', contentHash: 'h1' }, { itemId: 'i2', relPath: 'a/b/c/z.md', contentHash: 'h3' }]);
        await hexo.save([{ itemId: 'i1', relPath: 'a/b/c/y.md', contentHash: 'h2' }]);
        await s.outputs('site').save([{ itemId: 'i1', relPath: 'p/i1.html', contentHash: 's1' }]);
        await hexo.forget(['i2']);
        expect(await hexo.list()).toEqual([{ itemId: 'i1', relPath: 'a/b/c/y.md', contentHash: 'h2' }]);
        expect(await s.outputs('site').list()).toEqual([{ itemId: 'i1', relPath: 'p/i1.html', contentHash: 's1' }]);
        expect([...(await hexo.get(['i1', 'i9'])).keys()]).toEqual(['i1']);
      }));

    it('lists the files of one folder, not of its subfolders or of a longer name', () =>
      withStore(async (s) => {
        const out = s.outputs('hexo');
        await out.save(['a/b/x.md', 'a/b/y.md', 'a/b/c/z.md', 'a/bc/w.md', 'a/b.md'].map((relPath, i) => ({ itemId: `i${i}`, relPath, contentHash: '' })));
        expect((await out.inFolder('a/b')).map((f) => f.relPath)).toEqual(['a/b/x.md', 'a/b/y.md']);
      }));

    it('lets two items swap their files in one save', () =>
      withStore(async (s) => {
        const out = s.outputs('hexo');
        await out.save([{ itemId: 'i1', relPath: 'x.md', contentHash: '1' }, { itemId: 'i2', relPath: 'y.md', contentHash: '2' }]);
        await out.save([{ itemId: 'i1', relPath: 'y.md', contentHash: '1' }, { itemId: 'i2', relPath: 'x.md', contentHash: '2' }]);
        expect((await out.list()).map((f) => [f.itemId, f.relPath])).toEqual([['i2', 'x.md'], ['i1', 'y.md']]);
      }));

    it('says what an output has to look at: changes since its last sync, files of pruned items', () =>
      withStore(async (s) => {
        const out = s.outputs('hexo');
        const dated = (k: string) => item(k, { publishedAt: later(Number(k)).toISOString() });
        await s.sources.recordSuccess('/a', [dated('1'), dated('2'), dated('3')], ok(T0));
        expect((await out.pending(0, 10)).map((i) => i.title)).toEqual(['标题 1', '标题 2', '标题 3']);
        await out.save([item('1'), item('2')].map((i) => ({ itemId: i.id, relPath: `${i.id}.md`, contentHash: '' })));
        await out.markSynced(await s.items.lastSeq());
        // Item 3 has no file, but the output had its chance: what it could not write is its own list.
        expect(await out.pending(0, 10)).toEqual([]);
        await s.sources.recordSuccess('/a', [{ ...dated('2'), contentHash: 'edited' }, dated('3')], ok(later(1)));
        await s.sources.recordSuccess('/a', [{ ...dated('3'), contentHash: 'edited' }], ok(later(1)));
        const pending = await out.pending(0, 10);
        expect(pending.map((i) => i.title)).toEqual(['标题 2', '标题 3']);
        expect((await out.pending(pending[0]!.seq, 10)).map((i) => i.title)).toEqual(['标题 3']);
        const beforePrune = await s.items.lastSeq();
        await s.items.prune({ perSource: 2 }, later(2));
        expect((await out.orphans()).map((f) => f.itemId)).toEqual([item('1').id]);
        // Removed after a change number: found among the removals since, not by reading the whole manifest.
        expect(await s.items.lastSeq()).toBeGreaterThan(beforePrune);
        expect((await out.orphans('', beforePrune)).map((f) => f.itemId)).toEqual([item('1').id]);
        expect(await out.orphans('', await s.items.lastSeq())).toEqual([]);
        expect(await s.items.removedSince(beforePrune)).toEqual([item('1').id]);
        expect(await s.items.removedSince(await s.items.lastSeq())).toEqual([]);
        await s.items.setHidden(new Map([[item('2').id, 'a rule']]));
        expect((await out.orphans('', beforePrune)).map((f) => f.itemId).sort()).toEqual([item('1').id, item('2').id].sort());
        expect(await s.outputs('site').synced()).toBe(0);
      }));

    it('keeps notes per output and item', () =>
      withStore(async (s) => {
        await s.outputs('hexo').setNotes(new Map([['i1', 'title: x'], ['i2', 'title: y']]));
        await s.outputs('hexo').setNotes(new Map([['i2', 'title: z']]));
        expect([...(await s.outputs('hexo').notes(['i2', 'i1', 'i3']))].sort()).toEqual([['i1', 'title: x'], ['i2', 'title: z']]);
        expect((await s.outputs('site').notes(['i1'])).size).toBe(0);
      }));

    it('gives each key a name once, never one that another key holds in another case or Unicode form', () =>
      withStore(async (s) => {
        const site = s.outputs('site');
        const first = await site.slugs('names', new Map([['Apple', ['Apple']], ['é', ['e\u0301']]]));
        expect([...first]).toEqual([['Apple', 'Apple'], ['é', 'e\u0301']]);
        const second = await site.slugs('names', new Map([['apple', ['apple']], ['É', ['\u00e9']], ['Apple', ['changed']]]));
        expect([...second]).toEqual([['apple', 'apple-2'], ['É', '\u00e9-2'], ['Apple', 'Apple']]);
        // Scopes and outputs are apart; an item takes a longer prefix of its id when a shorter one is held.
        const p = await site.slugs('p', new Map([['abc1', ['abc', 'abc1']], ['abc2', ['abc', 'abc2']]]));
        expect([...p]).toEqual([['abc1', 'abc'], ['abc2', 'abc2']]);
        expect([...(await s.outputs('other').slugs('names', new Map([['apple', ['apple']]])))]).toEqual([['apple', 'apple']]);
      }));

    it('lists the manifest under a prefix', () =>
      withStore(async (s) => {
        const out = s.outputs('site');
        await out.save(['page/2/index.html', 'page/3/index.html', 'pages.html', 'categories/x/page/2/index.html', 'categories/\u{20000}古籍/index.html'].map((relPath, i) => ({ itemId: `k${i}`, relPath, contentHash: '' })));
        expect((await out.list('page/')).map((f) => f.relPath)).toEqual(['page/2/index.html', 'page/3/index.html']);
        expect(await out.list()).toHaveLength(5);
        // A name beyond the Basic Multilingual Plane is inside its prefix too (issue 25 #7: its old pages stayed published).
        expect((await out.list('categories/')).map((f) => f.relPath)).toEqual(['categories/x/page/2/index.html', 'categories/\u{20000}古籍/index.html']);
      }));

    it('records runs and gives the latest', () =>
      withStore(async (s) => {
        expect(await s.runs.latest()).toBeNull();
        const run = { startedAt: T0.toISOString(), finishedAt: later(1).toISOString(), sources: 2, failed: 1, created: 3, updated: 0 };
        await s.runs.record(run);
        await s.runs.record({ ...run, startedAt: later(2).toISOString(), created: 5 });
        expect(await s.runs.latest()).toEqual({ ...run, startedAt: later(2).toISOString(), created: 5 });
      }));

    it('lets one owner at a time hold the run lock, until it lets go, its lease ends, or it is known dead', () =>
      withStore(async (s) => {
        const lease = 2 * 3_600_000;
        expect(await s.runs.lock('a', T0, lease)).toBeNull();
        expect(await s.runs.lock('b', later(0.5), lease)).toEqual({ owner: 'a', acquiredAt: T0.toISOString(), expiresAt: later(2).toISOString() });
        // Renewing keeps when it was taken.
        expect(await s.runs.lock('a', later(0.5), lease)).toBeNull();
        expect(await s.runs.lock('b', later(0.6), lease)).toEqual({ owner: 'a', acquiredAt: T0.toISOString(), expiresAt: later(2.5).toISOString() });
        expect(await s.runs.lock('b', later(0.7), lease, 'a')).toBeNull();
        expect((await s.runs.lock('c', later(0.7), lease))?.owner).toBe('b');
        await s.runs.unlock('c');
        expect((await s.runs.lock('c', later(0.7), lease))?.owner).toBe('b');
        await s.runs.unlock('b');
        expect(await s.runs.lock('c', later(0.7), lease)).toBeNull();
        expect((await s.runs.lock('d', later(2.6), lease))?.owner).toBe('c');
        expect(await s.runs.lock('d', later(2.71), lease)).toBeNull();
      }));
  });

  describe(`${name} store contract: refresh period`, () => {
    it('claims only sources not attempted within the period when one is given', () =>
      withStore(async (s) => {
        const lease = { owner: 'w:1:a', ms: 60_000 };
        await s.sources.recordSuccess('/a', [], ok(T0));
        expect((await s.sources.claimDue(later(0.5), 10, lease, { staleForMs: 3_600_000 })).map((h) => h.sourceId)).toEqual(['/b']);
        await s.sources.release('/b', lease.owner);
        expect((await s.sources.claimDue(later(1), 10, lease, { staleForMs: 3_600_000 })).map((h) => h.sourceId)).toEqual(['/a', '/b']);
      }));
  });

  describe(`${name} store contract: host slots`, () => {
    it('leases at most the given number of slots per host, frees given and expired ones, and gives back only its own', () =>
      withStore(async (s) => {
        const a = { owner: 'w:1:a', ms: 3_600_000 };
        const b = { owner: 'w:2:b', ms: 3_600_000 };
        expect(await s.hosts.take(['rsshub.test'], 2, a, T0)).toEqual([0]);
        expect(await s.hosts.take(['rsshub.test'], 2, b, T0)).toEqual([1]);
        expect(await s.hosts.take(['rsshub.test'], 2, b, T0)).toEqual([null]);
        // Another host has its own slots.
        expect(await s.hosts.take(['other.test'], 2, b, T0)).toEqual([0]);
        // Only the holder gives a slot back.
        await s.hosts.give([{ host: 'rsshub.test', slot: 0 }], b.owner);
        expect(await s.hosts.take(['rsshub.test'], 2, b, T0)).toEqual([null]);
        await s.hosts.give([{ host: 'rsshub.test', slot: 0 }], a.owner);
        expect(await s.hosts.take(['rsshub.test'], 2, b, T0)).toEqual([0]);
        // A slot whose lease ran out (its worker was killed) is free again.
        expect(await s.hosts.take(['rsshub.test'], 2, a, later(0.5))).toEqual([null]);
        expect(await s.hosts.take(['rsshub.test'], 2, a, later(1))).toEqual([0]);
        // Who holds what, for a sweep that gives back a dead worker's slots: live leases only.
        expect(await s.hosts.held(later(0.5))).toEqual([{ host: 'other.test', slot: 0, owner: b.owner }, { host: 'rsshub.test', slot: 0, owner: a.owner }, { host: 'rsshub.test', slot: 1, owner: b.owner }]);
        expect(await s.hosts.held(later(1))).toEqual([{ host: 'rsshub.test', slot: 0, owner: a.owner }]);
      }));
    it('takes slots for several requests in one call, a host as often as asked and never a slot twice, and gives several back', () =>
      withStore(async (s) => {
        const a = { owner: 'w:1:a', ms: 3_600_000 };
        const b = { owner: 'w:2:b', ms: 3_600_000 };
        expect(await s.hosts.take(['h1.test', 'h2.test', 'h1.test', 'h1.test'], 2, a, T0)).toEqual([0, 0, 1, null]);
        expect(await s.hosts.take(['h1.test', 'h2.test'], 2, b, T0)).toEqual([null, 1]);
        await s.hosts.give([{ host: 'h1.test', slot: 0 }, { host: 'h1.test', slot: 1 }, { host: 'h2.test', slot: 1 }], a.owner);
        expect(await s.hosts.take(['h1.test', 'h1.test', 'h1.test', 'h2.test'], 2, b, T0)).toEqual([0, 1, null, null]);
      }));
  });

  describe(`${name} store contract: RSSHub instances (issue 24)`, () => {
    it('counts failures in a row, opens at the threshold until the time given, and closes on a served route', () =>
      withStore(async (s) => {
        const down = { code: 'fetch.http' as const, status: 503, message: 'HTTP 503' };
        expect(await s.instances.recordFailure('https://a.test', down, { at: T0, opensAfter: 3, openUntil: later(1) })).toMatchObject({ failures: 1, openUntil: null });
        await s.instances.recordFailure('https://a.test', down, { at: later(0.1), opensAfter: 3, openUntil: later(1) });
        const open = await s.instances.recordFailure('https://a.test', { ...down, message: 'HTTP 503 again' }, { at: later(0.2), opensAfter: 3, openUntil: later(2) });
        expect(open).toMatchObject({ failures: 3, openUntil: later(2).toISOString(), lastError: { code: 'fetch.http', status: 503, message: 'HTTP 503 again', at: later(0.2).toISOString() } });
        // A refusal opens at once.
        expect(await s.instances.recordFailure('https://b.test', { code: 'fetch.http', status: 429, message: 'slow down' }, { at: T0, opensAfter: 1, openUntil: later(0.5) })).toMatchObject({ failures: 1, openUntil: later(0.5).toISOString() });
        await s.instances.recordOk('https://a.test', later(3));
        expect(await s.instances.all()).toEqual([
          { url: 'https://a.test', failures: 0, openUntil: null, lastError: expect.objectContaining({ message: 'HTTP 503 again' }), lastOkAt: later(3).toISOString() },
          expect.objectContaining({ url: 'https://b.test', failures: 1 }),
        ]);
      }));

    it('remembers which instance served a route, with its validators and freshness', () =>
      withStore(async (s) => {
        await s.sources.recordSuccess('/a', [item('1')], { at: T0, latencyMs: 1, cache: { etag: '"x"', servedBy: 'https://b.test', freshUntil: later(2).toISOString() } });
        expect(await s.sources.get('/a')).toMatchObject({ cache: { etag: '"x"', servedBy: 'https://b.test' }, nextAttemptAt: later(2).toISOString(), consecutiveFailures: 0 });
        expect(await s.sources.claimDue(later(1), 10, LEASE, { ids: ['/a'] })).toEqual([]);
        expect(await s.sources.claimDue(later(2), 10, LEASE, { ids: ['/a'] })).toHaveLength(1);
      }));
  });

  describe(`${name} store contract: stories (issue 23)`, () => {
    it('finds candidates by shared keys within the window, records decisions, lists each story once and its reports first report first', () =>
      withStore(async (s) => {
        await s.sources.sync([source('/a'), source('/b'), source('/c')]);
        const at = (h: number) => later(h).toISOString();
        await s.sources.recordSuccess('/a', [item('lead', { publishedAt: at(1) })], ok(T0));
        await s.sources.recordSuccess('/b', [item('member', { publishedAt: at(2) })], ok(T0));
        await s.sources.recordSuccess('/c', [item('other', { publishedAt: at(3) })], ok(T0));
        const [lead, member, other] = ['lead', 'member', 'other'].map(sha256Hex) as [string, string, string];
        await s.stories.assign([{ id: lead, storyId: lead, keys: ['央行', '行开', '开展'], at: at(1) }]);
        expect(await s.stories.candidates(['央行', '开展', '利率'], at(-72), at(72), 2, 10)).toEqual([{ id: lead, shared: 2 }]);
        expect(await s.stories.candidates(['央行', '开展'], at(10), at(72), 2, 10)).toEqual([]);
        expect(await s.stories.candidates(['央行', '利率'], at(-72), at(72), 2, 10)).toEqual([]);
        const before = await s.items.lastSeq();
        await s.stories.assign([{ id: member, storyId: lead, keys: ['央行', '开展'], at: at(2) }, { id: other, storyId: other, keys: ['油价'], at: at(3) }]);
        // The lead changed too: its page lists the new report.
        expect((await s.items.changes(before, 10, 'summary')).map((i) => i.id).sort()).toEqual([lead, member, other].sort());
        expect((await s.stories.reports([lead], 10)).get(lead)).toMatchObject({ first: [{ id: lead }, { id: member }], total: 2 });
        // The first `most` of a story, and how many it has.
        expect((await s.stories.reports([lead], 1)).get(lead)).toMatchObject({ first: [{ id: lead }], total: 2 });
        // Only stories told at least `least` times: `other` is its own report alone.
        expect([...(await s.stories.reports([lead, other], 10, 2)).keys()]).toEqual([lead]);
        expect([...(await s.stories.reports([lead, other], 10)).keys()].sort()).toEqual([lead, other].sort());
        // Past the limit, those sharing most.
        expect(await s.stories.candidates(['央行', '行开', '开展'], at(-72), at(72), 1, 1)).toEqual([{ id: lead, shared: 3 }]);
        const listed = async (stories: boolean) => (await s.items.query({ fields: 'summary', limit: 10, stories })).items.map((i) => i.id);
        expect(await listed(true)).toEqual([other, lead]);
        expect(await listed(false)).toEqual([other, member, lead]);
        // In each list once: a list that holds the first report leaves the later out; an outlet's own list keeps its report.
        const inList = async (names: { category?: string; site?: string }) => (await s.items.query({ fields: 'summary', limit: 10, stories: true, ...names })).items.map((i) => i.id);
        expect(await inList({ category: '新媒体' })).toEqual([other, lead]);
        expect(await inList({ category: '新媒体', site: '站点/b' })).toEqual([member]);
        const counts = await s.items.counts({ stories: true });
        expect(counts.categories).toEqual([{ category: '新媒体', items: 2 }]);
        expect(counts.sites.map((x) => x.items)).toEqual([1, 1, 1]);
        expect((await s.items.counts({ stories: true })).total).toBe(2);
        expect((await s.items.counts()).total).toBe(3);
        expect((await s.items.days(0, { stories: true })).reduce((n, d) => n + d.items, 0)).toBe(2);
        // The lead hidden by a rule: its other report shows in its place, and is told so.
        const hiding = await s.items.lastSeq();
        await s.items.setHidden(new Map([[lead, 'rule']]));
        expect((await s.items.changes(hiding, 10, 'summary')).map((i) => i.id).sort()).toEqual([lead, member].sort());
        expect(await listed(true)).toEqual([other, member]);
        expect((await s.stories.reports([lead], 10)).get(lead)).toMatchObject({ first: [{ id: member }], total: 1 });
        // A rule's hidden report does not count toward `least`.
        expect((await s.stories.reports([lead], 10, 2)).size).toBe(0);
        expect(await s.stories.forget(at(2))).toBe(3);
        expect(await s.stories.candidates(['央行', '开展'], at(-72), at(72), 1, 10)).toEqual([{ id: member, shared: 2 }]);
      }));
  });
}
