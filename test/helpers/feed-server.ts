import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FeedServer {
  url: string;
  /** Requests received, in order: path and headers as the server saw them. */
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (port 0), one named route per scenario; closes every connection on teardown. */
export async function startFeedServer(routes: Record<string, Handler>): Promise<FeedServer> {
  const sockets = new Set<Socket>();
  const requests: FeedServer['requests'] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path: req.url ?? '/', headers: req.headers });
    // A route ending in `/` serves every path below it.
    const handler = routes[path] ?? Object.entries(routes).find(([k]) => k.endsWith('/') && path.startsWith(k))?.[1];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      await handler(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const body = (content: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8' }, status = 200): Handler =>
  (_, res) => {
    res.writeHead(status, headers).end(content);
  };

export const status = (code: number, headers: Record<string, string> = {}): Handler => (_, res) => {
  res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(`status ${code}`);
};

/** Sends `content` one byte every `intervalMs`: only a whole-response deadline stops it. */
export const trickle = (content: string, intervalMs: number): Handler => (req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  const bytes = Buffer.from(content);
  let i = 0;
  const timer = setInterval(() => {
    if (i >= bytes.length || res.destroyed) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(bytes.subarray(i, ++i));
  }, intervalMs);
  req.on('close', () => clearInterval(timer));
};
