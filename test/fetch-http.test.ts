import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../src/fetch/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { parseConfig } from '../src/config/index.js';
import { sourcesFromConfig } from '../src/sources/index.js';
import { collectAll, ingest } from '../src/pipeline/index.js';
import { silentLogger } from '../src/shared/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { tempDir } from './helpers/workspace.js';

const feed = rssFeed('条件请求', [{ title: '一', link: 'https://e.com/1' }]);

describe('HTTP behaviour against a loopback server', () => {
  let srv: FeedServer;
  let active = 0;
  let peak = 0;

  beforeAll(async () => {
    srv = await startFeedServer({
      '/etag': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
        else res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Thu, 20 May 2021 05:06:58 GMT' }).end(feed);
      },
      '/noetag': (_, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed),
      '/slow': (_, res) => {
        active++;
        peak = Math.max(peak, active);
        setTimeout(() => {
          active--;
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
        }, 80);
      },
    });
  });
  afterAll(() => srv?.close());

  it('sends stored validators and costs a 304 no parsing', async () => {
    const ws = await tempDir();
    const config = parseConfig(`sources:\n  - url: ${srv.url}/etag\n    category: c\n    site: s\n    channel: ch\n`, '/x/b.yml', { env: {} });
    const sources = sourcesFromConfig(config);
    const store = openSqliteStore(`${ws.dir}/b.db`);
    const deps = { fetcher: createFetcher(config.fetch, config.rsshub), now: () => new Date(), log: silentLogger, store };
    const first = await ingest(config, sources, deps);
    const second = await ingest(config, sources, deps);
    await store.close();
    await ws.cleanup();
    expect(first[0]).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(first[0]!.headlines).toHaveLength(1);
    expect(second[0]).toMatchObject({ status: 'not-modified', httpStatus: 304, headlines: [] });
    const sent = srv.requests.filter((r) => r.path === '/etag').map((r) => r.headers['if-none-match'] ?? null);
    expect(sent).toEqual([null, '"v1"']);
    expect(srv.requests.at(-1)!.headers['if-modified-since']).toBe('Thu, 20 May 2021 05:06:58 GMT');
  });

  it('does not normalize again what a server without validators sends unchanged', async () => {
    const ws = await tempDir();
    const config = parseConfig(`sources:\n  - url: ${srv.url}/noetag\n    category: c\n    site: s\n    channel: ch\n`, '/x/b.yml', { env: {} });
    const store = openSqliteStore(`${ws.dir}/b.db`);
    const deps = { fetcher: createFetcher(config.fetch, config.rsshub), now: () => new Date(), log: silentLogger, store };
    const sources = sourcesFromConfig(config);
    const first = await ingest(config, sources, deps);
    const second = await ingest(config, sources, deps);
    const forced = await ingest(config, sources, deps, { force: true });
    await store.close();
    await ws.cleanup();
    expect(first[0]).toMatchObject({ status: 'ok', seen: 1, newItems: 1 });
    expect(first[0]!.headlines).toHaveLength(1);
    // Stored, the bodies are not kept by the run (issue 14: memory).
    expect(first[0]!.items).toEqual([]);
    expect(second[0]).toMatchObject({ status: 'ok', seen: 1, newItems: 0, updatedItems: 0, headlines: [] });
    expect(forced[0]).toMatchObject({ status: 'ok', seen: 1, newItems: 0, updatedItems: 0 });
    expect(forced[0]!.headlines).toHaveLength(1);
  });

  it('never exceeds the per-host limit', async () => {
    const config = parseConfig(
      `fetch: { concurrency: 8, perHost: 2 }\nsources:\n${Array.from({ length: 12 }, (_, i) => `  - url: ${srv.url}/slow?n=${i}\n    category: c\n    site: s\n    channel: ch${i}\n`).join('')}`,
      '/x/b.yml',
      { env: {} },
    );
    peak = 0;
    const outcomes = await collectAll(config, sourcesFromConfig(config), { fetcher: createFetcher(config.fetch, config.rsshub), now: () => new Date(), log: silentLogger });
    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
    expect(peak).toBe(2);
  });

  it('sends a User-Agent naming Broadsheet and its version', async () => {
    const config = parseConfig(`sources:\n  - url: ${srv.url}/noetag?ua\n    category: c\n    site: s\n    channel: ch\n`, '/x/b.yml', { env: {} });
    await collectAll(config, sourcesFromConfig(config), { fetcher: createFetcher(config.fetch, config.rsshub), now: () => new Date(), log: silentLogger });
    const mine = srv.requests.filter((r) => r.path === '/noetag?ua');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.headers['user-agent']).toMatch(/^Broadsheet\/\d+\.\d+\.\d+ /);
  });
});
