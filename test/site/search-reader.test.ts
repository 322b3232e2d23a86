import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, siteSettings, type SiteSettings } from '../../src/config/index.js';
import { sanitize } from '../../src/content/index.js';
import { sha256Hex } from '../../src/shared/index.js';
import { buildSite } from '../../src/site/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { contentItem } from '../helpers/items.js';
import { tempDir } from '../helpers/workspace.js';

const SOURCE = { id: '/t/news', url: 'https://rsshub.test/t/news', kind: 'rsshub' as const, category: '新闻', site: '测试站', channel: '要闻', options: { items: 2000 } };
const WORDS = ['国务院', '常务会议', '人工智能', 'Quasar', '芯片', '稳增长', '孙丽', '雪豹'];

/**
 * Every file under `dir` but the folder's marker (its store's token), by its path, with the search
 * tiers' time-stamped folders named by their place in `search/index.json`.
 */
function siteFiles(dir: string): Map<string, string> {
  const tiers = (JSON.parse(readFileSync(join(dir, 'search/index.json'), 'utf8')) as { tiers: Array<{ dir: string }> }).tiers.map((t) => t.dir);
  const named = (rel: string) => tiers.reduce((r, t, k) => (r.startsWith(t) ? `search/tier-${k}/${r.slice(t.length)}` : r), rel);
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name !== '.broadsheet-output.json');
  return new Map(files.map((e) => {
    const rel = relative(dir, join(e.parentPath, e.name)).split('\\').join('/');
    const text = readFileSync(join(dir, rel), 'utf8');
    return [named(rel), rel === 'search/index.json' ? tiers.reduce((s, t, k) => s.replaceAll(t, `search/tier-${k}/`), text) : text];
  }));
}

/**
 * A tier indexed in the worker is read by the worker itself from a SQLite store's file, and handed to it
 * by the main thread from a store no other thread can open (PostgreSQL's): the site is the same.
 */
describe('a search tier read by its worker or handed to it', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let site: SiteSettings;
  const now = new Date('2026-12-07T00:00:00Z');

  beforeAll(async () => {
    ws = await tempDir();
    site = siteSettings(parseConfig(`site:\n  url: https://news.test/\n`, join(ws.dir, 'broadsheet.yml'), { env: {} }));
    const store = openSqliteStore(join(ws.dir, 'state.db'));
    await store.sources.sync([SOURCE]);
    // 1,000 items: the newest 100 in the recent tier, 900 in one archive tier (indexed in the worker).
    const items = Array.from({ length: 1000 }, (_, k) => contentItem({
      id: sha256Hex(`s${k}`), sourceId: SOURCE.id, title: `第${k}条 ${WORDS[k % WORDS.length]}`, link: `https://news.test/${k}`,
      publishedAt: new Date(Date.UTC(2026, 10, 1) + k * 600_000).toISOString(), contentHash: `h${k}`,
      html: sanitize(`<p>${WORDS[(k * 3) % WORDS.length]}与${WORDS[(k * 5) % WORDS.length]}，第${k}段。</p>`, 'https://news.test/'),
    }));
    await store.sources.recordSuccess(SOURCE.id, items, { at: now, latencyMs: 0, cache: {} });
    await store.close();
    const db = new Database(join(ws.dir, 'state.db'));
    db.exec(`VACUUM INTO '${join(ws.dir, 'copy.db')}'`);
    db.close();
  }, 60_000);
  afterAll(() => ws?.cleanup());

  it('gives the same files either way', async () => {
    const build = async (file: string, out: string, opened: (s: Store) => Store) => {
      const store = openSqliteStore(join(ws.dir, file));
      try {
        const r = await buildSite(opened(store), { ...site, out: join(ws.dir, out) }, { full: true, now, sources: [SOURCE] });
        expect(r.search).toMatchObject({ tiers: 2, indexed: 1000 });
      } finally {
        await store.close();
      }
    };
    await build('state.db', 'read', (s) => s);
    expect(JSON.parse(readFileSync(join(ws.dir, 'read/search/index.json'), 'utf8')).tiers.map((t: { docs: number }) => t.docs)).toEqual([100, 900]);
    await build('copy.db', 'handed', (s) => ({ ...s, file: null }));
    const read = siteFiles(join(ws.dir, 'read'));
    const handed = siteFiles(join(ws.dir, 'handed'));
    expect([...handed.keys()].sort()).toEqual([...read.keys()].sort());
    expect(read.size).toBeGreaterThan(1000 + 900);
    for (const [rel, text] of read) expect(handed.get(rel), rel).toBe(text);
  }, 120_000);
});
