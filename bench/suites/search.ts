/**
 * Suite `search`: the site's search index on N stored items — what indexing costs (a full re-index,
 * the incremental build after 100 new items, one archive tier indexed again after an old item
 * changed), how big the index is, and what a reader's first query downloads (bytes gzipped and
 * requests: the search module, the list of tiers, the shards of every tier, the first 20 results).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openSqliteStore } from '../../src/store/index.js';
import { parseFeed } from '../../src/feed/index.js';
import { normalizeEntry } from '../../src/content/index.js';
import { createSearch } from '../../src/site/assets/search.js';
import { rssDoc } from '../lib/corpus.js';
import { fillStore } from '../lib/items.js';
import { measure, type Measured } from '../lib/proc.js';
import { fmt, markdown } from '../lib/table.js';
import type { SuiteOptions } from './parse.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NEW_ITEMS = 100;
// Queries a reader types: a word in most items, one in a few, a title's phrase, a name-like pair, a word of Latin script, nothing.
const QUERIES = ['经济', '人工智能', '高级外交官举行了', '第7号源', '分歧但', 'Atom', '量子纠缠'];

const build = (dir: string, config: string, ...args: string[]): Promise<Measured> =>
  measure(process.execPath, [join(ROOT, 'bin/broadsheet'), 'build', ...args, '-c', join(dir, config)], { cwd: dir });

/** Records a feed for each of the given sources, as a run would: new or edited items. */
async function record(storePath: string, sourceNos: number[], docFor: (no: number) => string): Promise<void> {
  const store = openSqliteStore(storePath);
  for (const no of sourceNos) {
    const id = `/bench/${no}`;
    const feed = parseFeed(docFor(no), `https://rsshub.test${id}`);
    if (feed instanceof Error) throw feed;
    await store.sources.recordSuccess(id, feed.entries.map((e) => normalizeEntry(id, e)), { at: new Date(), latencyMs: 0, cache: {} });
  }
  await store.close();
}

function sizeOf(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += statSync(join(e.parentPath, e.name)).size;
  }
  return { files, bytes };
}

/** What a reader's first query downloads: every file it asks for, raw and gzipped. */
async function coldQuery(site: string, q: string): Promise<{ hits: number; requests: number; raw: number; gz: number }> {
  const asked = new Map<string, Buffer>();
  const s = createSearch(async (path) => {
    try {
      const bytes = readFileSync(join(site, path));
      asked.set(path, bytes);
      return new Uint8Array(bytes);
    } catch {
      return null;
    }
  });
  const module = readdirSync(join(site, 'assets')).find((f) => /^search\.[0-9a-f]+\.js$/.test(f))!;
  asked.set(`assets/${module}`, readFileSync(join(site, 'assets', module)));
  const hits = await s.query(q);
  await Promise.all(hits.slice(0, 20).map((h) => s.doc(h)));
  const files = [...asked.values()];
  return { hits: hits.length, requests: files.length, raw: files.reduce((n, b) => n + b.length, 0), gz: files.reduce((n, b) => n + gzipSync(b).length, 0) };
}

export async function searchSuite(o: SuiteOptions): Promise<string> {
  const sizes = o.quick ? [1000] : o.big ? [20000, 100000] : [20000];
  const out: string[] = [];
  for (const n of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-search-'));
    try {
      const storePath = join(dir, 's.db');
      const store = openSqliteStore(storePath);
      const sources = await fillStore(store, n);
      await store.close();
      // The site without search keeps its own store: a site's build state lives in its store.
      await copyFile(storePath, join(dir, 'plain.db'));
      const list = sources.map((s) => `  - route: ${s.id}\n    category: ${s.category}\n    site: ${s.site}\n    channel: ${s.channel}\n`).join('');
      for (const [file, search, site, db] of [['with.yml', true, 'public', 's.db'], ['without.yml', false, 'plain', 'plain.db']] as const) {
        await writeFile(join(dir, file), `sources:\n${list}store:\n  path: ${db}\nhexo:\n  posts: posts\nsite:\n  out: ${site}\n  url: https://news.example.com/\n  search: ${search}\n`);
      }
      const without = await build(dir, 'without.yml', '--full');
      const full = await build(dir, 'with.yml', '--full');
      const index = sizeOf(join(dir, 'public/search'));
      // 100 new items in 5 sources (dated now: the recent tier), then the incremental build.
      for (const db of [storePath, join(dir, 'plain.db')]) await record(db, [0, 1, 2, 3, 4], (no) => rssDoc(2_000_000 + no));
      const plus = await build(dir, 'with.yml');
      const plusWithout = await build(dir, 'without.yml');
      // One item of the oldest source edited: its archive tier (and nothing else of the index) is indexed again.
      await record(storePath, [0], (no) => rssDoc(no).replace('新闻 0：', '新闻 0（更正）：'));
      const tier = await build(dir, 'with.yml');
      const tierLine = /search: (\d+) tiers, (\d+) indexed again \((\d+) items\)/.exec(tier.stdout);
      const rss = (m: Measured) => (m.maxRssMb === null ? '—' : fmt(m.maxRssMb, 0));
      out.push(
        markdown(['build', 'items', 's', 'peak RSS MB', 'search index'], [
          ['full, no search', n, fmt(without.seconds, 2), rss(without), '—'],
          ['full, search (re-index)', n, fmt(full.seconds, 2), rss(full), `+${fmt(full.seconds - without.seconds, 2)} s`],
          [`+${NEW_ITEMS} items, no search`, n + NEW_ITEMS, fmt(plusWithout.seconds, 2), rss(plusWithout), '—'],
          [`+${NEW_ITEMS} items, search`, n + NEW_ITEMS, fmt(plus.seconds, 2), rss(plus), 'recent tier'],
          ['1 archived item edited', n + NEW_ITEMS, fmt(tier.seconds, 2), rss(tier), tierLine ? `${tierLine[2]} of ${tierLine[1]} tiers, ${tierLine[3]} items` : '?'],
        ]),
        `\nIndex at ${n} items: ${index.files} files, ${fmt(index.bytes / 2 ** 20, 1)} MB.\n`,
      );
      const rows: (string | number)[][] = [];
      for (const q of QUERIES) {
        const c = await coldQuery(join(dir, 'public'), q);
        rows.push([q, c.hits, c.requests, fmt(c.raw / 1024, 0), fmt(c.gz / 1024, 0)]);
      }
      out.push(`First query at ${n} items (search module, tier list, shards of every tier, first 20 results):\n\n${markdown(['query', 'hits', 'requests', 'KB', 'KB gzipped'], rows)}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return out.join('\n\n');
}
