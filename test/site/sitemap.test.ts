import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, siteSettings, type SiteSettings } from '../../src/config/index.js';
import { sha256Hex } from '../../src/shared/index.js';
import { buildSite } from '../../src/site/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { contentItem } from '../helpers/items.js';
import { tempDir } from '../helpers/workspace.js';

const PER_FILE = 5;
const KEEP = 23;
const SOURCE = { id: '/t/news', url: 'https://rsshub.test/t/news', kind: 'rsshub' as const, category: '新闻', site: '测试站', channel: '要闻', options: { items: 20 } };

/**
 * The sitemap's article files are numbered from the oldest article ever listed, as the list pages
 * are: retention taking the oldest (`perSource` here) rewrites the lowest file and new items the
 * newest, and every file between keeps its bytes. Each build equals a full rebuild of the same store.
 */
describe('sitemap files under retention', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let store: Store;
  let site: SiteSettings;
  let made = 0;
  const now = new Date('2026-12-06T00:00:00Z');
  const add = async (n: number) => {
    const items = Array.from({ length: n }, () => {
      const k = made++;
      return contentItem({ id: sha256Hex(`s${k}`), sourceId: SOURCE.id, title: `第${k}条`, link: `https://news.test/${k}`, publishedAt: new Date(Date.UTC(2026, 10, 1) + k * 3_600_000).toISOString(), contentHash: `h${k}` });
    });
    await store.sources.recordSuccess(SOURCE.id, items, { at: now, latencyMs: 0, cache: {} });
    await store.items.prune({ perSource: KEEP }, now);
  };
  const build = (s: Store, o: SiteSettings, full = false) => buildSite(s, o, { full, now, sitemapPerFile: PER_FILE, sources: [SOURCE] });
  const files = () => readdirSync(site.out).filter((f) => /^sitemap-\d+\.xml$/.test(f)).map((f) => Number(f.slice(8, -4))).sort((a, b) => a - b);
  const file = (n: number) => join(site.out, `sitemap-${n}.xml`);
  // The articles a file lists, oldest first.
  const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  const listed = (n: number) => locs(readFileSync(file(n), 'utf8'));
  const mtimes = () => new Map(files().map((n) => [n, statSync(file(n)).mtimeMs]));
  const rewritten = (before: Map<number, number>) => files().filter((n) => statSync(file(n)).mtimeMs !== before.get(n));

  async function expectSameAsFullRebuild(): Promise<void> {
    const dir = join(ws.dir, `rebuilt-${made}`);
    const db = new Database(join(ws.dir, 'state.db'));
    db.exec(`VACUUM INTO '${join(ws.dir, `copy-${made}.db`)}'`);
    db.close();
    const copy = openSqliteStore(join(ws.dir, `copy-${made}.db`));
    try {
      await build(copy, { ...site, out: dir }, true);
    } finally {
      await copy.close();
    }
    const ours = readdirSync(site.out).filter((f) => f.startsWith('sitemap'));
    expect(readdirSync(dir).filter((f) => f.startsWith('sitemap')).sort()).toEqual(ours.sort());
    for (const f of ours) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(site.out, f), 'utf8'));
  }

  beforeAll(async () => {
    ws = await tempDir();
    site = { ...siteSettings(parseConfig(`site:\n  out: public\n  url: https://news.test/\n  search: false\n`, join(ws.dir, 'broadsheet.yml'), { env: {} })) };
    store = openSqliteStore(join(ws.dir, 'state.db'));
    await store.sources.sync([SOURCE]);
    await add(KEEP);
    await build(store, site);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await ws?.cleanup();
  });

  it('keep their articles while the oldest go: the lowest file shrinks, then goes, and only the ends are written', async () => {
    expect(files()).toEqual([1, 2, 3, 4, 5]);
    expect(listed(5)).toHaveLength(3);
    const first = new Map(files().map((n) => [n, readFileSync(file(n), 'utf8')]));

    // Four new, the four oldest gone: file 1 keeps its fifth article, file 5 fills, file 6 begins.
    let before = mtimes();
    await add(4);
    await build(store, site);
    expect(rewritten(before)).toEqual([1, 5, 6]);
    expect(listed(1)).toEqual(locs(first.get(1)!).slice(4));
    expect(listed(6)).toHaveLength(2);
    for (const n of [2, 3, 4]) expect(readFileSync(file(n), 'utf8')).toBe(first.get(n));
    await expectSameAsFullRebuild();

    // Two more: file 1 is empty and goes, leaving the index; file 2 loses one; 3 and 4 keep their bytes.
    const then = new Map(files().map((n) => [n, readFileSync(file(n), 'utf8')]));
    before = mtimes();
    await add(2);
    await build(store, site);
    expect(files()).toEqual([2, 3, 4, 5, 6]);
    expect(existsSync(file(1))).toBe(false);
    expect(rewritten(before)).toEqual([2, 6]);
    expect(listed(2)).toHaveLength(4);
    for (const n of [3, 4, 5]) expect(readFileSync(file(n), 'utf8')).toBe(then.get(n));
    const index = readFileSync(join(site.out, 'sitemap.xml'), 'utf8');
    expect([...index.matchAll(/sitemap-(\d+)\.xml/g)].map((m) => Number(m[1]))).toEqual([2, 3, 4, 5, 6]);
    await expectSameAsFullRebuild();
  }, 60_000);
});
