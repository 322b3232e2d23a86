import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, siteSettings, type SiteSettings } from '../../src/config/index.js';
import { sanitize } from '../../src/content/index.js';
import { sha256Hex } from '../../src/shared/index.js';
import { buildSite } from '../../src/site/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { contentItem } from '../helpers/items.js';
import { searchOnDisk } from '../helpers/site-search.js';
import { allItems } from '../helpers/store.js';
import { tempDir } from '../helpers/workspace.js';

const SOURCE = { id: '/t/wire', url: 'https://rsshub.test/t/wire', kind: 'rsshub' as const, category: '新闻', site: '通讯社', channel: '快讯', options: { items: 5000 } };
const now = new Date('2026-12-07T00:00:00Z');

const item = (key: string, minutes: number, title = `${key}号 消息`) => contentItem({
  id: sha256Hex(key), sourceId: SOURCE.id, title, link: `https://wire.test/${key}`, contentHash: sha256Hex(title),
  publishedAt: new Date(Date.UTC(2026, 8, 1) + minutes * 60_000).toISOString(),
  html: sanitize(`<p>正文${key}，雪豹与芯片。</p>`, 'https://wire.test/'),
});

type Tier = { dir: string; docs: number; gone?: Array<[number, number]>; order?: Array<[number, number]>; delta?: number };

/**
 * An archive search tier patched when items in it change or arrive late (issue 26: a build costs what
 * changed): the old document marked gone, the new one appended in its place in newest-first order; a
 * build indexes the changed items only, and finds what a whole index finds, in the same order.
 */
describe('an archive search tier', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let site: SiteSettings;
  let store: Store;

  const record = (items: ReturnType<typeof item>[]) => store.sources.recordSuccess(SOURCE.id, items, { at: now, latencyMs: 0, cache: {} });
  const build = async (o: { full?: boolean; searchArchive?: boolean } = {}) => (await buildSite(store, site, { full: o.full ?? false, searchArchive: o.searchArchive ?? false, now, sources: [SOURCE] })).search!;
  const tiers = () => (JSON.parse(readFileSync(join(site.out, 'search/index.json'), 'utf8')) as { tiers: Tier[] }).tiers;

  /** The titles every item's word finds, newest first (as the page shows them), and by relevance. */
  const found = async () => {
    const s = searchOnDisk(site.out);
    const titles = async (sort: 'newest' | 'relevance') => Promise.all((await s.query('雪豹', { sort })).map(async (h) => (await s.doc(h))!.title));
    return { newest: await titles('newest'), relevance: await titles('relevance') };
  };
  /** What the store holds, newest first: every item has the word, so the search must list them all in this order. */
  const expectStoreOrder = async () => expect((await found()).newest).toEqual((await allItems(store)).map((i) => i.title));

  beforeAll(async () => {
    ws = await tempDir();
    site = siteSettings(parseConfig(`site:\n  url: https://wire.test/\n  out: ${JSON.stringify(join(ws.dir, 'public'))}\n`, join(ws.dir, 'broadsheet.yml'), { env: {} }));
    store = openSqliteStore(join(ws.dir, 'state.db'));
    await store.sources.sync([SOURCE]);
    await record(Array.from({ length: 3000 }, (_, k) => item(`a${k}`, k * 10)));
    // The newest 100 in the recent tier, the rest in two archive tiers of 1,450: indexed in a worker.
    expect(await build({ full: true })).toMatchObject({ tiers: 3, indexed: 3000 });
    expect(tiers().map((t) => t.docs)).toEqual([100, 1450, 1450]);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await ws?.cleanup();
  });

  it('takes an edited old item as one document: the old one gone, the new one in its place', async () => {
    const before = tiers();
    const shards = readdirSync(join(site.out, before.at(-1)!.dir)).filter((f) => f.endsWith('.bin'));
    const stamps = shards.map((f) => statSync(join(site.out, before.at(-1)!.dir, f)).mtimeMs);
    await record([item('a500', 5000, 'a500号 改写后的标题')]);
    expect(await build()).toMatchObject({ rebuilt: 1, indexed: 1 });
    const after = tiers();
    expect(after.map((t) => t.dir)).toEqual(before.map((t) => t.dir));
    const oldest = after.at(-1)!;
    expect(oldest).toMatchObject({ docs: 1450, gone: [[949, 949]], order: [[1450, 948]], delta: 1 });
    // The tier's own shards as they were; the new document's postings in a shard of their own.
    expect(shards.map((f) => statSync(join(site.out, oldest.dir, f)).mtimeMs)).toEqual(stamps);
    expect(statSync(join(site.out, oldest.dir, 'a0.bin')).size).toBeGreaterThan(0);
    const s = searchOnDisk(site.out);
    expect(await s.urls('改写后的标题')).toHaveLength(1);
    expect(await s.urls('a500号')).toHaveLength(1);
    expect(await s.urls('消息', { sort: 'relevance' })).toHaveLength(2999);
    await expectStoreOrder();
  });

  it('takes late items into the tiers their dates fall in, each in its place among the others', async () => {
    await record([item('late1', 205), item('late2', 207), item('late3', 215), item('late4', 20_005), item('late5', 5005)]);
    expect(await build()).toMatchObject({ rebuilt: 2, indexed: 5 });
    const [, newer, oldest] = tiers();
    expect(newer!.order).toHaveLength(1);
    // Two after one document, one after the next, and the one beside the edited item.
    expect(oldest!.order!.map(([, after]) => after)).toEqual([948, 948, 1427, 1428, 1428]);
    await expectStoreOrder();
  });

  it('finds what a whole index finds, in the same order, after edits and late items', async () => {
    // One more late item between two that came in the last build, and a back catalogue of 20 side by side.
    const catalogue = Array.from({ length: 20 }, (_, k) => item(`cat${k}`, 7000 + (k + 1) * 0.4));
    await record([item('a600', 6000, 'a600号 又一次更正'), item('a2000', 20_000, 'a2000号 新闻更正'), item('late6', 206), ...catalogue]);
    expect(await build()).toMatchObject({ indexed: 23 });
    await expectStoreOrder();
    const patched = await found();
    expect(await build({ full: true })).toMatchObject({ indexed: 3026 });
    expect(tiers().every((t) => !t.order)).toBe(true);
    expect(await found()).toEqual(patched);
  });

  it('seals a small tier and patches it too', async () => {
    await record(Array.from({ length: 300 }, (_, k) => item(`b${k}`, 40_000 + k * 10)));
    await build();
    // All the recent tier held goes into a new archive tier of 400.
    expect(await build({ searchArchive: true })).toMatchObject({ indexed: 400 });
    const sealed = tiers()[1]!;
    expect(sealed.docs).toBeLessThan(401);
    await record([item('b7', 40_070, 'b7号 小层里的更正')]);
    expect(await build()).toMatchObject({ rebuilt: 1, indexed: 1 });
    expect(tiers()[1]).toMatchObject({ dir: sealed.dir, order: [[sealed.docs, expect.any(Number)]] });
    await expectStoreOrder();
  });

  it('indexes a tier whole once a twentieth of it is appended, or when its appended shards are not on disk', async () => {
    const oldest = tiers().at(-1)!;
    await record(Array.from({ length: 200 }, (_, k) => item(`a${k}`, k * 10, `a${k}号 大批更正`)));
    expect(await build()).toMatchObject({ rebuilt: 1, indexed: oldest.docs });
    const reindexed = tiers().at(-1)!;
    expect(reindexed.dir).not.toBe(oldest.dir);
    expect(reindexed.order).toBeUndefined();
    await expectStoreOrder();

    // Its appended documents' shards gone from the disk: the next edit indexes it whole.
    await record([item('a10', 100, 'a10号 再次更正')]);
    expect(await build()).toMatchObject({ rebuilt: 1, indexed: 1 });
    const patched = tiers().at(-1)!;
    expect(patched.delta).toBeGreaterThan(0);
    for (const f of readdirSync(join(site.out, patched.dir)).filter((f) => /^a\d+\.bin$/.test(f))) rmSync(join(site.out, patched.dir, f));
    await record([item('a11', 110, 'a11号 又一次更正')]);
    expect(await build()).toMatchObject({ rebuilt: 1, indexed: patched.docs });
    expect(tiers().at(-1)!.delta).toBeUndefined();
    expect(await searchOnDisk(site.out).urls('再次更正')).toHaveLength(1);
    await expectStoreOrder();
  });
});
