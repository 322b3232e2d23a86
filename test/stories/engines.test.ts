import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { groupStories } from '../../src/pipeline/index.js';
import { sha256Hex } from '../../src/shared/index.js';
import type { Source } from '../../src/sources/index.js';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { contentItem } from '../helpers/items.js';
import { noteMissingPostgres, postgresAvailable, startPostgres, type PgCluster } from '../helpers/postgres.js';
import { allItems } from '../helpers/store.js';
import { tempDir } from '../helpers/workspace.js';
import { labelled } from '../helpers/stories.js';

const available = postgresAvailable();
if (!available) noteMissingPostgres();

/**
 * Issue 23: the grouping pass as runs do it (candidates from the store's keys, the window, the order
 * the store took the items), on both engines: the labelled set's reports as items of as many sources,
 * published an hour apart, a few arriving after the first pass. The same groups on both, and the labels'.
 */
describe.skipIf(!available)('story grouping on both engines', () => {
  let cluster: PgCluster;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    cluster = await startPostgres();
    ws = await tempDir();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    await ws?.cleanup();
  });

  const reports = labelled('labelled.txt');
  const T0 = Date.parse('2026-12-01T00:00:00Z');
  const config = parseConfig('site:\n  out: public\n', '/x/broadsheet.yml', { env: {} });

  async function grouped(store: Store): Promise<Map<string, string>> {
    const sources: Source[] = reports.map((_, k) => ({ id: `/r/${k}`, url: `https://rsshub.test/r/${k}`, kind: 'rsshub', category: '新闻', site: `站${k}`, channel: '要闻', options: { items: 20 } }));
    await store.sources.sync(sources);
    const store1 = async (k: number) => {
      const r = reports[k]!;
      const at = new Date(T0 + k * 3_600_000).toISOString();
      await store.sources.recordSuccess(`/r/${k}`, [contentItem({ id: sha256Hex(`r${k}`), sourceId: `/r/${k}`, title: r.title, excerpt: r.lead, link: `https://news.test/${k}`, publishedAt: at, contentHash: `h${k}` })], { at: new Date(T0), latencyMs: 0, cache: {} });
    };
    // Most arrive, a pass runs; the rest arrive (every fifth), a second pass runs.
    for (let k = 0; k < reports.length; k++) if (k % 5 !== 4) await store1(k);
    await groupStories(config, store, new Date(T0));
    for (let k = 4; k < reports.length; k += 5) await store1(k);
    await groupStories(config, store, new Date(T0));
    const out = new Map((await allItems(store)).map((i) => [i.id, i.storyId!]));
    await store.close();
    return out;
  }

  it('groups the same on SQLite and PostgreSQL, and as the labels say', async () => {
    const sqlite = await grouped(openSqliteStore(join(ws.dir, 's.db')));
    const postgres = await grouped(await openPostgresStore(await cluster.newDatabase()));
    expect(postgres).toEqual(sqlite);
    let [tp, fp, fn] = [0, 0, 0];
    for (let i = 0; i < reports.length; i++) {
      for (let j = i + 1; j < reports.length; j++) {
        const [a, b] = [reports[i]!, reports[j]!];
        if (!a.same && !b.same) continue;
        const truth = a.block === b.block && a.same && b.same;
        const together = sqlite.get(sha256Hex(`r${i}`)) === sqlite.get(sha256Hex(`r${j}`));
        if (together && truth) tp++;
        else if (together) fp++;
        else if (truth) fn++;
      }
    }
    console.log(`stories through the store: ${new Set(sqlite.values()).size} stories of ${reports.length} reports; pairs together ${tp} right, ${fp} wrong, ${fn} apart that are one story`);
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.99);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
