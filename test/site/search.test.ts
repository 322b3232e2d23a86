import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { htmlToText } from '../../src/feed/index.js';
import { fixtureItem, siteFixture, type SiteFixture } from '../helpers/site-fixture.js';
import { searchOnDisk } from '../helpers/site-search.js';
import { allItems } from '../helpers/store.js';
import type { TestItem } from '../helpers/rss.js';

// Planted words: rare Chinese words, two-character names no dictionary knows (with near misses),
// English terms (with a longer word around one), a word only in items that end up archived and one
// only in the items of the latest run.
const RARE = '量子纠缠';
const NAME = '孙丽';
const OTHER_NAME = '郝娟';
const ENGLISH = 'Quasar';
const ARCHIVED = '甲骨文献';
const LATEST = '雪豹观测';
const QUERIES = [RARE, NAME, OTHER_NAME, ENGLISH, 'quasar', ARCHIVED, LATEST, '经济观察', '段落内容', '孙悦丽', '纠缠', '丽'];

/** An item of the latest run: newer than everything before it. */
let latest = 0;
const fresh = (s: number, k: number, feedsUrl: string): TestItem => ({ ...fixtureItem(s, k, feedsUrl), pubDate: new Date(Date.UTC(2026, 11, 1) + ++latest * 3_600_000).toUTCString() });

const plant = (item: TestItem, words: string, inTitle = false): TestItem =>
  inTitle ? { ...item, title: `${item.title} ${words}` } : { ...item, description: `<p>${words}</p>${item.description}` };

/** What a reader should find, from the store: the titles of items whose title or text holds the query. */
function truth(items: ReadonlyArray<{ title: string; html: string }>, q: string): string[] {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase();
  const cjk = /\p{sc=Han}/u.test(q);
  const word = new RegExp(`(^|[^\\p{L}\\p{N}])${norm(q)}($|[^\\p{L}\\p{N}])`, 'u');
  return items
    .filter((i) => {
      const text = norm(`${i.title}\n${htmlToText(i.html)}`);
      return cjk ? text.includes(norm(q)) : word.test(text);
    })
    .map((i) => i.title)
    .sort();
}

describe('site search', () => {
  let fx: SiteFixture;
  const manifest = () => JSON.parse(readFileSync(join(fx.out, 'search/index.json'), 'utf8')) as { tiers: Array<{ dir: string; docs: number }> };
  const found = async (q: string) => {
    const s = searchOnDisk(fx.out);
    const hits = await s.query(q);
    return (await Promise.all(hits.map((h) => s.doc(h)))).map((d) => d!.title).sort();
  };
  async function expectExact(): Promise<void> {
    const store = openSqliteStore(join(fx.dir, 'state.db'));
    const items = await allItems(store);
    await store.close();
    for (const q of QUERIES) expect({ q, hits: await found(q) }).toEqual({ q, hits: truth(items, q) });
  }

  beforeAll(async () => {
    fx = await siteFixture({ extraYaml: 'retention:\n  perSource: 9\n' });
    const i = fx.items;
    i[0]![0] = plant(i[0]![0]!, `${ARCHIVED}的整理`);
    i[7]![0] = plant(i[7]![0]!, `关于${ARCHIVED}`, true);
    i[0]![1] = plant(i[0]![1]!, `${RARE}实验`);
    i[2]![3] = plant(i[2]![3]!, `研究${RARE}`, true);
    i[1]![2] = plant(i[1]![2]!, `记者${NAME}报道`);
    i[4]![0] = plant(i[4]![0]!, `${NAME}获奖`, true);
    i[1]![3] = plant(i[1]![3]!, '记者孙悦丽报道，王孙 丽日');
    i[5]![5] = plant(i[5]![5]!, `${OTHER_NAME}说`);
    i[3]![2] = plant(i[3]![2]!, `${ENGLISH} 发布`, true);
    i[5]![4] = plant(i[5]![4]!, 'a quasar, seen');
    i[6]![1] = plant(i[6]![1]!, 'Quasars and QuasarX');
    const first = await fx.run();
    expect(first.stderr).toEqual([]);
    expect(first.code).toBe(0);
    // Seal what is there into the archive; the next run's items go to the recent tier.
    expect((await fx.run(['build', '--search-archive', '-q'])).code).toBe(0);
  }, 90_000);
  afterAll(() => fx?.close());

  // One scenario across runs: each step builds on the store and site the one before left.
  it('finds exactly what the store holds, run after run: an archived tier, the latest run, retention and edits, by relevance and by filter', async () => {
    // An archived tier.
    expect(manifest().tiers).toHaveLength(2);
    expect(manifest().tiers[0]!.docs).toBe(0);
    await expectExact();
    expect(await found(NAME)).toHaveLength(2);
    expect(await found(ENGLISH)).toHaveLength(2);

    // The latest run's items searchable at once, merging tiers, without indexing the archive again.
    fx.items[0]!.push(plant(fresh(0, 7, fx.feeds.url), `${LATEST}与${RARE}`));
    expect((await fx.run()).code).toBe(0);
    expect((await fx.run(['build', '--search-archive', '-q'])).code).toBe(0);
    const archived = manifest().tiers.slice(1).map((t) => t.dir);
    const stamp = statSync(join(fx.out, archived[0]!, '0.bin')).mtimeMs;

    fx.items[3]!.push(plant(fresh(3, 7, fx.feeds.url), `${LATEST}站`, true));
    fx.items[6]!.push(plant(fresh(6, 7, fx.feeds.url), `quasar ${OTHER_NAME}`));
    const r = await fx.run(['run', '--json', '-q']);
    expect(r.code).toBe(0);
    const tiers = manifest().tiers;
    expect(tiers).toHaveLength(3);
    expect(tiers.slice(1).map((t) => t.dir)).toEqual(archived);
    expect(statSync(join(fx.out, archived[0]!, '0.bin')).mtimeMs).toBe(stamp);
    expect(tiers[0]!.docs).toBe(2);
    await expectExact();
    expect(await found(LATEST)).toHaveLength(2);
    // The old word comes only from archive tiers, the new one only from the recent tier.
    const tiersOf = searchOnDisk(fx.out);
    expect((await tiersOf.query(ARCHIVED)).map((h) => h.tier)).toEqual([2, 2]);
    expect((await tiersOf.query(LATEST)).map((h) => h.tier)).toEqual([0, 1]);

    // Items retention removed are forgotten; edited items are found by their new words only.
    const before = manifest().tiers.map((t) => t.dir);
    const firstFragment = join(fx.out, before[0]!, 'd/0.json');
    const fragmentStamp = statSync(firstFragment).mtimeMs;
    // Source 0's feed moves on by two items: retention (9 per source) drops its oldest, which held ARCHIVED
    // and which the feed lists no more (what a feed lists is never pruned).
    fx.items[0]!.splice(0, 2);
    fx.items[0]!.push(fresh(0, 8, fx.feeds.url), fresh(0, 9, fx.feeds.url));
    fx.items[1]![2] = { ...fx.items[1]![2]!, description: '<p>更正后的正文，记者郝娟报道。</p>' };
    expect((await fx.run()).code).toBe(0);
    await expectExact();
    expect(await found(ARCHIVED)).toHaveLength(1);
    expect(await found(NAME)).toHaveLength(1);
    expect(await found(OTHER_NAME)).toHaveLength(3);
    // The archive tiers that held the pruned and the edited items were patched in their folders: the
    // edited item's old document is gone and its new one appended, its place in the tier's order noted.
    const patched = manifest().tiers as Array<{ dir: string; order?: Array<[number, number]> }>;
    const after = patched.map((t) => t.dir);
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(patched.flatMap((t) => t.order ?? [])).toHaveLength(1);
    // The recent tier took the new items in its own folder: its first document kept its number and its file.
    expect(after[0]).toBe(before[0]);
    expect(manifest().tiers[0]!.docs).toBe(4);
    expect(statSync(firstFragment).mtimeMs).toBe(fragmentStamp);
    for (const dir of before.filter((d) => !after.includes(d))) expect(() => statSync(join(fx.out, dir))).toThrow();

    // Results by relevance, titles first, and filtered by category and site.
    const s = searchOnDisk(fx.out);
    const byRelevance = await Promise.all((await s.query(RARE, { sort: 'relevance' })).map((h) => s.doc(h)));
    expect(byRelevance[0]!.title).toContain(RARE);
    expect(await s.urls(RARE, { category: '新闻' })).toHaveLength((await s.urls(RARE)).length);
    expect(await s.urls(RARE, { category: '科技' })).toEqual([]);
    const doc = (await s.doc((await s.query(OTHER_NAME, { site: 'Café' }))[0]!))!;
    expect(doc).toMatchObject({ site: 'Café', channel: '市场' });
    expect(doc.url).toMatch(/^\/news\/p\/[0-9a-f]{12}\.html$/);
    expect(doc.text).toContain(OTHER_NAME);

    // Retention alone: the archive tier that lost two items keeps its folder and its shards; their
    // documents are listed as gone (readers leave them out) and their fragments removed.
    const gones = (t: { gone?: Array<[number, number]> }) => (t.gone ?? []).reduce((n, [a, b]) => n + b - a + 1, 0);
    const kept = manifest().tiers as Array<{ dir: string; docs: number; gone?: Array<[number, number]> }>;
    const oldest = kept.at(-1)!;
    const shard = join(fx.out, oldest.dir, '0.bin');
    const shardStamp = statSync(shard).mtimeMs;
    const victim = fx.items[0]![0]!.title;
    const query = victim.split('：')[0]!;
    expect(await found(query)).toEqual([victim]);
    fx.items[0]!.splice(0, 2);
    fx.items[0]!.push(fresh(0, 10, fx.feeds.url), fresh(0, 11, fx.feeds.url));
    expect((await fx.run()).code).toBe(0);
    const now = manifest().tiers as Array<{ dir: string; docs: number; gone?: Array<[number, number]> }>;
    expect(now.at(-1)).toMatchObject({ dir: oldest.dir, docs: oldest.docs - 2 });
    expect(gones(now.at(-1)!)).toBe(gones(oldest) + 2);
    expect(statSync(shard).mtimeMs).toBe(shardStamp);
    expect(readdirSync(join(fx.out, oldest.dir, 'd'))).toHaveLength(oldest.docs - 2);
    await expectExact();
    expect(await found(query)).toEqual([]);
  });
});
