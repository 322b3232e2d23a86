/**
 * Suite `site`: Broadsheet's own site builder (`broadsheet build`, the real command) on N stored
 * items, full and incremental after 100 new items, side by side with Hexo and Hugo building the same
 * items in the same run (the site-build yardstick's contenders).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { syncPosts } from '../../src/hexo/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { parseFeed } from '../../src/feed/index.js';
import { normalizeEntry } from '../../src/content/index.js';
import { rssDoc } from '../lib/corpus.js';
import { fillStore } from '../lib/items.js';
import { measure, type Measured } from '../lib/proc.js';
import { fmt, markdown } from '../lib/table.js';
import { CONTENDERS, outputSize } from './site-build.js';
import type { SuiteOptions } from './parse.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NEW_ITEMS = 100;
const HEXO_OPTS = { keepTitle: false, placeholder: 'https://picsum.photos/400/300?random={n}', abbrlink: true };

const broadsheet = (dir: string, full: boolean): Promise<Measured> =>
  measure(process.execPath, [join(ROOT, 'bin/broadsheet'), 'build', ...(full ? ['--full'] : []), '-c', join(dir, 'broadsheet.yml')], { cwd: dir });

async function addItems(storePath: string, postsDir: string): Promise<void> {
  const store = openSqliteStore(storePath);
  const sources = (await store.sources.all()).slice(0, NEW_ITEMS / 20);
  for (const s of sources) {
    const feed = parseFeed(rssDoc(2_000_000 + Number(s.sourceId.split('/').pop()), 20), s.url);
    if (feed instanceof Error) throw feed;
    await store.sources.recordSuccess(s.sourceId, feed.entries.map((e) => normalizeEntry(s.sourceId, e)), { at: new Date(), latencyMs: 0, cache: {} });
  }
  await syncPosts(store, { postsDir, ...HEXO_OPTS });
  await store.close();
}

export async function siteSuite(o: SuiteOptions): Promise<string> {
  const sizes = o.quick ? [1000] : o.big ? [1000, 5000, 20000, 100000] : [1000, 5000, 20000];
  const rows: (string | number)[][] = [];
  const peaks = new Map<number, number>();
  for (const n of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-site-'));
    try {
      const storePath = join(dir, 's.db');
      const store = openSqliteStore(storePath);
      const sources = await fillStore(store, n);
      const posts = join(dir, 'posts');
      // Hexo and Hugo get the posts Broadsheet emits; past 20,000 only Broadsheet runs (Hexo needs >16 GB there).
      const peers = n <= 20000;
      if (peers) await syncPosts(store, { postsDir: posts, ...HEXO_OPTS });
      await store.close();
      await writeFile(join(dir, 'broadsheet.yml'), `sources:\n${sources.map((s) => `  - route: ${s.id}\n    category: ${s.category}\n    site: ${s.site}\n    channel: ${s.channel}\n`).join('')}store:\n  path: s.db\nhexo:\n  posts: posts\nsite:\n  out: public\n  url: https://news.example.com/\n`);
      const full = await broadsheet(dir, true);
      const size = await outputSize(join(dir, 'public'));
      peaks.set(n, full.maxRssMb ?? 0);
      const results: Array<{ name: string; full: Measured; incremental: Measured; pages: number; bytes: number }> = [];
      const peerDirs = new Map<string, string>();
      if (peers) {
        for (const c of CONTENDERS.filter((x) => x.available())) {
          const site = join(dir, c.name.replace(/\W+/g, '-'));
          await mkdir(site);
          peerDirs.set(c.name, site);
          const { run, out } = await c.build(site, posts, n);
          const s = await outputSize(out);
          results.push({ name: c.name, full: run, incremental: run, pages: s.pages, bytes: s.bytes });
        }
      }
      await addItems(storePath, posts);
      const incremental = await broadsheet(dir, false);
      results.unshift({ name: 'Broadsheet', full, incremental, pages: size.pages, bytes: size.bytes });
      for (const r of results.slice(1)) {
        const c = CONTENDERS.find((x) => x.name === r.name)!;
        const site = peerDirs.get(r.name)!;
        await rm(site, { recursive: true, force: true });
        await mkdir(site);
        r.incremental = (await c.build(site, posts, n + NEW_ITEMS)).run;
      }
      const hugo = results.find((r) => r.name === 'Hugo');
      for (const r of results) {
        rows.push([
          r.name, n, fmt(r.full.seconds, 2), r.full.maxRssMb === null ? '—' : fmt(r.full.maxRssMb, 0), r.pages, fmt(r.bytes / 2 ** 20, 1),
          fmt(r.incremental.seconds, 2), r.incremental.maxRssMb === null ? '—' : fmt(r.incremental.maxRssMb, 0),
          hugo ? `${fmt(hugo.full.seconds / r.full.seconds, 2)}×` : '—',
        ]);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const flat = peaks.has(20000) && peaks.has(100000) ? `\n\nPeak RSS of a full Broadsheet build: ${fmt(peaks.get(20000)!, 0)} MB at 20,000 items, ${fmt(peaks.get(100000)!, 0)} MB at 100,000 (${fmt((peaks.get(100000)! / peaks.get(20000)! - 1) * 100, 0)} %).` : '';
  return `Website build (Broadsheet: \`broadsheet build\`, full and after ${NEW_ITEMS} new items; Hexo and Hugo: a whole build of the same posts, then again with the ${NEW_ITEMS} new ones)\n\n${markdown(
    ['generator', 'items', 'full s', 'full peak RSS MB', 'pages', 'MB written', `+${NEW_ITEMS} s`, `+${NEW_ITEMS} peak RSS MB`, 'Hugo full ÷ this full'],
    rows,
  )}${flat}`;
}
