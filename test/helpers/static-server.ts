import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png', '.opml': 'text/x-opml', '.txt': 'text/plain',
};

export interface StaticServer {
  url: string;
  /** Paths requested, decoded. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves a built site on 127.0.0.1 under `base` (as a Pages host would), 404.html for what is missing;
 * `pages` answers as GitHub Pages does (text gzipped when asked, cached ten minutes), for the benchmarks.
 */
export async function serveSite(root: string, base = '/', extra: Record<string, (res: import('node:http').ServerResponse) => void> = {}, o: { pages?: boolean } = {}): Promise<StaticServer> {
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (extra[path]) return extra[path](res);
    const notFound = () => {
      res.writeHead(404, { 'content-type': TYPES['.html']! });
      createReadStream(join(root, '404.html')).on('error', () => res.end('not found')).pipe(res);
    };
    if (!path.startsWith(base)) return notFound();
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(root)) return notFound();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      return notFound();
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const gzip = o.pages === true && /^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, { 'content-type': type, ...(o.pages ? { 'cache-control': 'max-age=600' } : {}), ...(gzip ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}) });
    (gzip ? createReadStream(file).pipe(createGzip()) : createReadStream(file)).pipe(res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
