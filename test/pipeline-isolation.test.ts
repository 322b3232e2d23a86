import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../src/fetch/index.js';
import { openSqliteStore, type SourceRecord, type Store } from '../src/store/index.js';
import { parseConfig } from '../src/config/index.js';
import { sourcesFromConfig } from '../src/sources/index.js';
import { run } from '../src/pipeline/index.js';
import { silentLogger } from '../src/shared/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { tempDir } from './helpers/workspace.js';
import { allItems } from './helpers/store.js';

/** A real store whose writes fail for one source, as SQLITE_BUSY or a lost connection would. */
function failingFor(store: Store, sourceId: string): Store {
  // A batch with that source in it fails whole, as its transaction would.
  const sources = { ...store.sources, record: (batch: readonly SourceRecord[]) => (batch.some((r) => r.sourceId === sourceId) ? Promise.reject(new Error('SQLITE_BUSY: database is locked')) : store.sources.record(batch)) };
  return { ...store, sources, outputs: store.outputs, items: store.items, runs: store.runs, close: store.close };
}

describe('a store failure for one source', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    srv = await startFeedServer({
      '/good': (_, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('好', [{ title: '好消息', guid: 'g1' }])),
      '/bad': (_, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('坏', [{ title: '坏消息', guid: 'b1' }])),
    });
    ws = await tempDir();
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('fails that source with a store code while the run goes on and publishes the rest', async () => {
    const yaml = `rsshub:\n  instance: ${srv.url}\nsources:\n${['/bad', '/good'].map((r) => `  - route: ${r}\n    category: c\n    site: s${r.slice(1)}\n    channel: ch\n`).join('')}hexo:\n  posts: posts\n`;
    const config = parseConfig(yaml, join(ws.dir, 'broadsheet.yml'), { env: {} });
    const real = openSqliteStore(join(ws.dir, 's.db'));
    const store = failingFor(real, '/bad');
    const report = await run(config, sourcesFromConfig(config), { fetcher: createFetcher(config.fetch, config.rsshub), now: () => new Date(), log: silentLogger, store });
    expect(report.outcomes.map((o) => [o.source.id, o.status, o.error?.code ?? null])).toEqual([['/bad', 'failed', 'store.failed'], ['/good', 'ok', null]]);
    expect(report.outcomes[0]!.error!.message).toContain('SQLITE_BUSY');
    expect(report.outputs.hexo).toMatchObject({ created: 1 });
    expect((await allItems(real)).map((i) => i.title)).toEqual(['好消息']);
    // Its claim was given back: the next run takes the source again.
    expect(await real.sources.leases(new Date())).toEqual([]);
    await real.close();
  });
});
