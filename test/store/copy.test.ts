import { abbrlinksOf } from '../../src/hexo/abbrlink.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { openSqliteStore, openSqliteTables, openPostgresTables, TABLES, type StoreTables } from '../../src/store/index.js';
import { sha256Hex } from '../../src/shared/index.js';
import { contentItem } from '../helpers/items.js';
import { noteMissingPostgres, postgresAvailable, startPostgres, type PgCluster } from '../helpers/postgres.js';
import { captureIo, tempDir, writeConfig } from '../helpers/workspace.js';

const available = postgresAvailable();
if (!available) noteMissingPostgres();
const T0 = new Date('2026-11-01T00:00:00Z');
const source = (id: string) => ({ id, url: `https://rsshub.test${id}`, kind: 'rsshub' as const, category: '新闻', site: `站点${id}`, channel: '频道', options: { items: 20 } });

/** A store holding one of everything a copy must carry. */
async function fullStore(path: string): Promise<void> {
  const s = openSqliteStore(path);
  await s.sources.sync([source('/a'), source('/b')]);
  const items = [1, 2, 3].map((k) => contentItem({ id: sha256Hex(`i${k}`), title: `标题 ${k}`, link: `https://news.test/${k}`, contentHash: `h${k}`, publishedAt: new Date(T0.getTime() + k * 3_600_000).toISOString() }));
  await s.sources.recordSuccess('/a', items, { at: T0, latencyMs: 120, cache: { etag: '"e1"', lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT' } });
  await s.sources.recordSuccess('/b', [items[0]!], { at: T0, latencyMs: 80, cache: {} });
  // Both feeds move on: the first item is listed no more, so retention may take it.
  await s.sources.recordSuccess('/a', [], { at: T0, latencyMs: 100, cache: { etag: '"e1"', lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT' }, listed: [sha256Hex('i2'), sha256Hex('i3')] });
  await s.sources.recordSuccess('/b', [], { at: T0, latencyMs: 80, cache: {}, listed: [] });
  await s.sources.recordFailure('/b', { code: 'fetch.http', status: 503, message: '服务不可用' }, { at: new Date(T0.getTime() + 60_000), latencyMs: 5, nextAttemptAt: new Date(T0.getTime() + 600_000) });
  await s.items.prune({ perSource: 2 }, new Date(T0.getTime() + 86_400_000));
  await s.items.importItems('/a', [contentItem({ id: sha256Hex('i9'), title: '迁移来的', link: 'https://news.test/9', contentHash: 'h9' })], T0, new Map([[sha256Hex('i9'), 'title: 迁移来的\nabbrlink: 0a1b2c3d']]));
  const hexo = s.outputs('hexo');
  await abbrlinksOf(hexo, [sha256Hex('i2'), sha256Hex('i3')]);
  await hexo.save([{ itemId: sha256Hex('i2'), relPath: '新闻/站点/a/标题 2.md', contentHash: 'x2' }]);
  await hexo.setNotes(new Map([[sha256Hex('i2'), 'title: 标题 2']]));
  await hexo.setValues(new Map([['folder', 'token-1']]));
  await hexo.markSynced(5);
  await s.outputs('site').slugs('category', new Map([['新闻', ['xinwen']]]));
  await s.stories.assign([{ id: sha256Hex('i2'), storyId: sha256Hex('i2'), keys: ['标题'], at: T0.toISOString() }, { id: sha256Hex('i3'), storyId: sha256Hex('i2'), keys: ['标题'], at: T0.toISOString() }]);
  await s.runs.record({ startedAt: T0.toISOString(), finishedAt: T0.toISOString(), sources: 2, failed: 1, created: 3, updated: 0 });
  await s.close();
}

async function everything(t: StoreTables): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table.name] = await t.read(table, null, 1_000_000);
  out.lastSeq = [await t.lastSeq()];
  await t.close();
  return out;
}

describe.skipIf(!available)('store copy', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('round-trips a store SQLite → PostgreSQL → SQLite with every table equal, and refuses a store that holds data', async () => {
    const ws = await tempDir();
    try {
      await fullStore(join(ws.dir, 'a.db'));
      const url = await cluster.newDatabase();
      const fromSqlite = await writeConfig(ws.dir, `store:\n  path: a.db\nsources: []\n`, 'a.yml');
      const io = captureIo(ws.dir);
      expect(await main(['store', 'copy', '--to', url, '-c', fromSqlite], io)).toBe(0);
      expect(io.stdout.join('')).toMatch(/2 sources, 3 items, 3 item_bodies, 3 item_sources, 1 tombstones, 1 imported_posts, 1 runs, 1 output_files, 1 output_notes, 1 output_values, 1 output_state, 3 output_slugs, 0 rsshub_instances, 2 story_keys/);
      const fromPg = await writeConfig(ws.dir, `store:\n  url: ${url}\nsources: []\n`, 'b.yml');
      expect(await main(['store', 'copy', '--to', 'b.db', '-c', fromPg], captureIo(ws.dir))).toBe(0);
      const original = await everything(openSqliteTables(join(ws.dir, 'a.db')));
      expect(original.tombstones).toHaveLength(1);
      expect(await everything(await openPostgresTables(url))).toEqual(original);
      expect(await everything(openSqliteTables(join(ws.dir, 'b.db')))).toEqual(original);
      // The copy is a store like any: it goes on numbering changes after the original's last.
      const copy = openSqliteStore(join(ws.dir, 'b.db'));
      expect(await copy.items.lastSeq()).toBe(original.lastSeq![0]);
      await copy.close();
      const again = captureIo(ws.dir);
      expect(await main(['store', 'copy', '--to', url, '-c', fromSqlite], again)).not.toBe(0);
      expect(again.stderr.join('')).toContain('already holds data');
    } finally {
      await ws.cleanup();
    }
  });
});
