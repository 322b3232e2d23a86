import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, siteSettings, type SiteSettings } from '../../src/config/index.js';
import { sanitize } from '../../src/content/index.js';
import { sha256Hex } from '../../src/shared/index.js';
import { buildSite } from '../../src/site/index.js';
import { readDoc, sourceDocOf } from '../../src/site/search/doc-text.js';
import { TierIndex } from '../../src/site/search/postings.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { contentItem } from '../helpers/items.js';
import { searchOnDisk } from '../helpers/site-search.js';
import { tempDir } from '../helpers/workspace.js';

const SOURCE = { id: '/t/news', url: 'https://rsshub.test/t/news', kind: 'rsshub' as const, category: '新闻', site: '测试站', channel: '要闻', options: { items: 2000 } };
const now = new Date('2026-12-07T00:00:00Z');

const item = (k: number, title = `第${k}条 消息${k}号`, minutes = k * 10) => contentItem({
  id: sha256Hex(`s${k}`), sourceId: SOURCE.id, title, link: `https://news.test/${k}`, contentHash: sha256Hex(title),
  publishedAt: new Date(Date.UTC(2026, 10, 1) + minutes * 60_000).toISOString(),
  html: sanitize(`<p>正文${k}，雪豹与芯片。</p>`, 'https://news.test/'),
});

/**
 * The recent search tier takes items newer than any it holds without indexing the others again
 * (issue 26: a build costs what changed), and its shards are the bytes indexing its items whole gives.
 */
describe('the recent search tier', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let site: SiteSettings;
  let store: Store;

  const record = (items: ReturnType<typeof item>[]) => store.sources.recordSuccess(SOURCE.id, items, { at: now, latencyMs: 0, cache: {} });
  const build = async (full = false) => (await buildSite(store, site, { full, now, sources: [SOURCE] })).search!;
  const recentTier = () => (JSON.parse(readFileSync(join(site.out, 'search/index.json'), 'utf8')) as { tiers: Array<{ dir: string; shards: number; docs: number }> }).tiers[0]!;

  /** The recent tier's shards on disk equal those of its items (oldest first) indexed in one go. */
  async function expectWholeBytes(): Promise<void> {
    const tier = recentTier();
    const items = (await store.items.query({ fields: 'full', limit: tier.docs })).items.reverse();
    const index = new TierIndex();
    for (const i of items) index.add(readDoc(sourceDocOf(i)).index);
    const whole = index.shards();
    expect(tier.shards).toBe(whole.length);
    whole.forEach((bytes, k) => expect(readFileSync(join(site.out, `${tier.dir}${k}.bin`)).equals(Buffer.from(bytes)), `shard ${k}`).toBe(true));
  }

  beforeAll(async () => {
    ws = await tempDir();
    site = siteSettings(parseConfig(`site:\n  url: https://news.test/\n  out: ${JSON.stringify(join(ws.dir, 'public'))}\n`, join(ws.dir, 'broadsheet.yml'), { env: {} }));
    store = openSqliteStore(join(ws.dir, 'state.db'));
    await store.sources.sync([SOURCE]);
    await record(Array.from({ length: 300 }, (_, k) => item(k)));
    expect(await build(true)).toMatchObject({ tiers: 2, indexed: 300 });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await ws?.cleanup();
  });

  it('indexes only the items newer than all it holds', async () => {
    await record(Array.from({ length: 40 }, (_, k) => item(300 + k)));
    expect(await build()).toMatchObject({ tiers: 2, rebuilt: 1, indexed: 40 });
    expect(recentTier().docs).toBe(140);
    await expectWholeBytes();
    const search = searchOnDisk(site.out);
    expect(await search.urls('消息339号')).toHaveLength(1);
    expect(await search.urls('消息250号')).toHaveLength(1);
    expect(await search.urls('正文320')).toHaveLength(1);
  });

  it('indexes it whole when an item it holds changes, and finds the new words only', async () => {
    await record([item(330, '第330条 改写的标题')]);
    expect(await build()).toMatchObject({ rebuilt: 1, indexed: 140 });
    await expectWholeBytes();
    const search = searchOnDisk(site.out);
    expect(await search.urls('改写的标题')).toHaveLength(1);
    expect(await search.urls('消息330号')).toEqual([]);
  });

  it('indexes it whole when an item arrives among those it holds', async () => {
    // Dated between items 310 and 311: the numbers after it would shift.
    await record([item(900, '第900条 迟到的消息', 3105)]);
    expect(await build()).toMatchObject({ rebuilt: 1, indexed: 141 });
    await expectWholeBytes();
    expect(await searchOnDisk(site.out).urls('迟到的消息')).toHaveLength(1);
  });

  it('indexes it whole when one of its shards is not on disk', async () => {
    rmSync(join(site.out, `${recentTier().dir}0.bin`));
    await record([item(400)]);
    expect(await build()).toMatchObject({ rebuilt: 1, indexed: 142 });
    await expectWholeBytes();
    // And takes the next new item on its own again.
    await record([item(401)]);
    expect(await build()).toMatchObject({ rebuilt: 1, indexed: 1 });
    await expectWholeBytes();
    expect(await searchOnDisk(site.out).urls('消息401号')).toHaveLength(1);
  });

  it('keeps a note of document ids for the tiers it has, none for the tiers it replaced', async () => {
    const noted = async () => [...(await store.outputs('site').values(tiers().map((d) => `search-docs:${d}`))).keys()];
    const tiers = () => (JSON.parse(readFileSync(join(site.out, 'search/index.json'), 'utf8')) as { tiers: Array<{ dir: string }> }).tiers.map((t) => t.dir);
    const before = tiers();
    // Every tier indexed again, in new folders.
    expect(await build(true)).toMatchObject({ rebuilt: 2 });
    expect(tiers().some((d) => before.includes(d))).toBe(false);
    const db = new Database(join(ws.dir, 'state.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT name FROM output_values WHERE name LIKE 'search-docs:%'").all() as Array<{ name: string }>;
      // The archive tier's note, not the replaced ones' (the recent tier keeps none).
      expect(rows.map((r) => r.name)).toEqual(await noted());
      expect(rows).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});
