/** Suite 3, Hexo output: writing N reference-format posts from the store, first run and incremental run (1 % changed). */
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

const OPTS = { keepTitle: false, placeholder: 'https://picsum.photos/400/300?random={n}', abbrlink: true };

async function once(n: number): Promise<(string | number)[]> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-hexo-'));
  try {
    const store = openSqliteStore(join(dir, 's.db'));
    const sources = await fillStore(store, n);
    const posts = join(dir, 'posts');
    let t0 = process.hrtime.bigint();
    const first = await syncPosts(store, posts, OPTS);
    const firstS = Number(process.hrtime.bigint() - t0) / 1e9;
    // 1 % of the sources publish a changed feed: new items and edits.
    const changed = sources.filter((_, i) => i % 100 === 0);
    for (const s of changed) {
      const feed = parseFeed(rssDoc(1_000_000 + Number(s.id.split('/').pop()), 20), s.url);
      if (feed instanceof Error) throw feed;
      await store.recordSuccess(s.id, feed.entries.map((e) => normalizeEntry(s.id, e, new Date())), { at: new Date(), latencyMs: 0, cache: {} });
    }
    t0 = process.hrtime.bigint();
    const second = await syncPosts(store, posts, OPTS);
    const secondS = Number(process.hrtime.bigint() - t0) / 1e9;
    await store.close();
    return [n, fmt(firstS, 2), fmt((firstS / first.created.length) * 1000, 2), fmt(secondS, 2), `${second.created.length} new, ${second.unchanged.length} unchanged`];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function hexoOutputSuite(o: SuiteOptions): Promise<string> {
  const sizes = o.quick ? [1000] : [1000, 20000];
  const rows = [];
  for (const n of sizes) rows.push(await once(n));
  return `Hexo output (posts written from the store, abbrlink on)\n\n${markdown(['posts', 'first run s', 'ms per post', 'incremental run s', 'incremental result'], rows)}`;
}
