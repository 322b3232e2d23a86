import { corpus, type Headlines } from './corpus.js';
import { parseFeed } from '../../src/feed/index.js';
import { normalizeEntry, type Item } from '../../src/content/index.js';
import type { Source } from '../../src/sources/index.js';
import type { Store } from '../../src/store/index.js';

/** Fill a store with `n` realistic items (20 per source), as a run would. */
export async function fillStore(store: Store, n: number, headlines: Headlines = 'template'): Promise<Source[]> {
  const feeds = Math.ceil(n / 20);
  const docs = corpus(feeds, headlines);
  const sources: Source[] = docs.map((_, i) => ({ id: `/bench/${i}`, url: `https://rsshub.test/bench/${i}`, kind: 'rsshub', category: `分类${i % 14}`, site: `站点 ${i % 60}`, channel: `频道 ${i}`, options: { items: 20 } }));
  await store.sources.sync(sources);
  const at = new Date('2026-11-01T00:00:00Z');
  let left = n;
  for (const [i, doc] of docs.entries()) {
    const feed = parseFeed(doc, sources[i]!.url);
    if (feed instanceof Error) throw feed;
    const items: Item[] = feed.entries.slice(0, Math.min(20, left)).map((e) => normalizeEntry(sources[i]!.id, e));
    left -= items.length;
    await store.sources.recordSuccess(sources[i]!.id, items, { at, latencyMs: 0, cache: {} });
  }
  return sources;
}
