import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, type Store } from '../../store/index.js';
import { sha256Hex } from '../../shared/index.js';
import { contentItem } from '../../../test/helpers/items.js';
import type { BuildContext } from '../context.js';
import { storyReports } from './stories.js';

const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h)).toISOString();
const source = (id: string) => ({ id, url: `https://rsshub.test${id}`, kind: 'rsshub' as const, category: '财经', site: `站点${id}`, channel: '要闻', options: { items: 20 } });

describe("a build's story reports", () => {
  it('asks the store for each story once per build, and gives each page the same reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-story-reports-'));
    const store = openSqliteStore(join(dir, 's.db'));
    try {
      await store.sources.sync([source('/a'), source('/b'), source('/c')]);
      const [lead, member, alone] = ['lead', 'member', 'alone'].map(sha256Hex) as [string, string, string];
      for (const [src, key, h] of [['/a', 'lead', 1], ['/b', 'member', 2], ['/c', 'alone', 3]] as const) {
        await store.sources.recordSuccess(src, [contentItem({ id: sha256Hex(key), title: `标题 ${key}`, link: `https://news.test/${key}`, contentHash: `h-${key}`, publishedAt: at(h) })], { at: new Date(at(4)), latencyMs: 1, cache: {} });
      }
      await store.stories.assign([{ id: lead, storyId: lead, keys: ['央行'], at: at(1) }, { id: member, storyId: lead, keys: ['央行'], at: at(2) }, { id: alone, storyId: alone, keys: ['油价'], at: at(3) }]);
      const asked: string[][] = [];
      const counting: Store = { ...store, stories: { ...store.stories, reports: (ids, most, least) => (asked.push([...ids]), store.stories.reports(ids, most, least)) } };
      const build = () => ({ site: { stories: true }, store: counting }) as unknown as BuildContext;

      const ctx = build();
      const first = await storyReports(ctx, [{ storyId: lead }, { storyId: alone }]);
      // The member's list asks again for both stories: neither is read a second time.
      const again = await storyReports(ctx, [{ storyId: lead }, { storyId: alone }, { storyId: null }]);
      expect(asked).toEqual([[lead, alone]]);
      expect([...first.keys()]).toEqual([lead]);
      expect(first.get(lead)).toMatchObject({ first: [{ id: lead }, { id: member }], total: 2 });
      expect(again).toEqual(first);
      // Another build reads them afresh: a story may have grown between builds.
      await storyReports(build(), [{ storyId: alone }]);
      expect(asked).toEqual([[lead, alone], [alone]]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
