import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rssDoc } from './corpus.js';

export interface RsshubLike {
  url: string;
  /** Highest number of requests in flight at once, and whether it ever went over the limit. */
  peakConcurrent: () => number;
  close: () => Promise<void>;
}

/**
 * An RSSHub-like loopback server: `/r/<n>` serves feed n (20 items, ETag, 304 on If-None-Match),
 * each response after `latencyMs(n)`, counting requests in flight. `generation()` > 0 makes every
 * feed serve 20 other items (document `generation × feeds + n`), as if each had published anew.
 */
export async function rsshubLike(host: string, latencyMs: (n: number) => number, items = 20, generation: () => { g: number; feeds: number } = () => ({ g: 0, feeds: 0 })): Promise<RsshubLike> {
  const bodies = new Map<number, string>();
  let active = 0;
  let peak = 0;
  const server: Server = createServer((req, res) => {
    active++;
    peak = Math.max(peak, active);
    const { g, feeds } = generation();
    const n = Number(/\/r\/(\d+)/.exec(req.url ?? '')?.[1] ?? -1) + g * feeds;
    setTimeout(() => {
      const etag = `"feed-${n}"`;
      if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
      else {
        if (!bodies.has(n)) bodies.set(n, rssDoc(n, items));
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(bodies.get(n));
      }
      active--;
    }, latencyMs(n));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    peakConcurrent: () => peak,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
