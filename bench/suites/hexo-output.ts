/** Suite 3, Hexo output: writing N reference-format posts from the store, first run and an incremental run after new items. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

async function once(n: number): Promise<(string | number)[]> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-hexo-'));
  try {
    const store = openSqliteStore(join(dir, 's.db'));
    const sources = await fillStore(store, n);
    const o = { postsDir: join(dir, 'posts'), keepTitle: false, placeholder: 'https://picsum.photos/400/300?random={n}', abbrlink: true };
    let t0 = process.hrtime.bigint();
    const first = await syncPosts(store, o);
    const firstS = Number(process.hrtime.bigint() - t0) / 1e9;
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
      n, fmt(firstS, 2), fmt((firstS / first.created.length) * 1000, 2), fmt(secondS, 2), `${second.created.length} new, ${second.unchanged.length} looked at unchanged`,
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
  return `Hexo output (posts written from the store, abbrlink on; incremental = the pass after ${NEW_ITEMS} new items; full = \`broadsheet hexo\`, every item checked)\n\n${markdown(
    ['stored items', 'first run s', 'ms per post', 'incremental s', 'incremental result', 'incremental heap growth MB', 'full check s', 'full result'],
    rows,
  )}`;
}
