/** Suite 3, Hexo output: writing N reference-format posts from the store, first run and an incremental run after new items. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { syncPosts } from '../../src/hexo/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { parseFeed } from '../../src/feed/index.js';
import { normalizeEntry } from '../../src/content/index.js';
import { rssDoc } from '../lib/corpus.js';
import { fillStore } from '../lib/items.js';
import { fmt, markdown } from '../lib/table.js';
import type { SuiteOptions } from './parse.js';

const NEW_ITEMS = 200;
const mb = (bytes: number): string => fmt(bytes / 2 ** 20, 0);

/**
 * The floor: the same files (same folders, same bytes) written synchronously as temp file + rename,
 * each folder made once, nothing else. What a first run is measured against.
 */
function floorSeconds(postsDir: string, into: string): { wall: number; cpu: number } {
  settle();
  const files = readdirSync(postsDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const contents = files.map((f) => [join(into, f.slice(postsDir.length)), readFileSync(f)] as const);
  settle();
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const made = new Set<string>();
  for (const [path, bytes] of contents) {
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(`${path}.tmp`, bytes);
    renameSync(`${path}.tmp`, path);
  }
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: cpuSeconds(c0) };
}

/** Seconds of CPU (user + system) since `from`: what a busy disk's stalls do not add to. */
const cpuSeconds = (from: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1e6;
};

/** Dirty pages written out and garbage collected before a timed phase, so each starts from the same state. */
function settle(): void {
  execFileSync('sync');
  global.gc?.();
}

async function once(n: number): Promise<(string | number)[]> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-hexo-'));
  try {
    const store = openSqliteStore(join(dir, 's.db'));
    const sources = await fillStore(store, n);
    const o = { postsDir: join(dir, 'posts'), keepTitle: false, placeholder: 'https://picsum.photos/400/300?random={n}', abbrlink: true };
    settle();
    let t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const first = await syncPosts(store, o);
    const firstS = Number(process.hrtime.bigint() - t0) / 1e9;
    const firstCpu = cpuSeconds(c0);
    // The disk here is noisy: the floor is the faster of two runs (wall and CPU each).
    const floors = [floorSeconds(o.postsDir, join(dir, 'floor-1')), floorSeconds(o.postsDir, join(dir, 'floor-2'))];
    const floorS = Math.min(...floors.map((f) => f.wall));
    const floorCpu = Math.min(...floors.map((f) => f.cpu));
    // Ten sources publish 20 new items each: 200 new items in a store of n.
    for (const s of sources.slice(0, NEW_ITEMS / 20)) {
      const feed = parseFeed(rssDoc(1_000_000 + Number(s.id.split('/').pop()), 20), s.url);
      if (feed instanceof Error) throw feed;
      await store.sources.recordSuccess(s.id, feed.entries.map((e) => normalizeEntry(s.id, e)), { at: new Date(), latencyMs: 0, cache: {} });
    }
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    t0 = process.hrtime.bigint();
    const second = await syncPosts(store, o);
    const secondS = Number(process.hrtime.bigint() - t0) / 1e9;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    t0 = process.hrtime.bigint();
    const full = await syncPosts(store, o, { full: true });
    const fullS = Number(process.hrtime.bigint() - t0) / 1e9;
    await store.close();
    return [
      n, fmt(firstS, 2), fmt(floorS, 2), `${fmt(firstS / floorS, 2)}×`, `${fmt(firstCpu, 2)} ÷ ${fmt(floorCpu, 2)} = ${fmt(firstCpu / floorCpu, 2)}×`, fmt((firstS / first.created.length) * 1000, 2), fmt(secondS, 2), `${second.created.length} new, ${second.unchanged.length} looked at unchanged`,
      mb(Math.max(0, heapGrowth)), fmt(fullS, 2), `${full.unchanged.length} unchanged`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function hexoOutputSuite(o: SuiteOptions): Promise<string> {
  const sizes = o.quick ? [1000] : [1000, 20000];
  const rows = [];
  for (const n of sizes) rows.push(await once(n));
  return `Hexo output (posts written from the store, abbrlink on; floor = the same files written by bare temp + rename; CPU = user + system seconds of the process, which a busy disk's stalls do not change; incremental = the pass after ${NEW_ITEMS} new items; full = \`broadsheet hexo\`, every item checked)\n\n${markdown(
    ['stored items', 'first run s', 'floor s (sync temp + rename)', 'first ÷ floor', 'CPU s: first ÷ floor', 'ms per post', 'incremental s', 'incremental result', 'incremental heap growth MB', 'full check s', 'full result'],
    rows,
  )}`;
}
