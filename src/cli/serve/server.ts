import { createReadStream, existsSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8', '.bin': 'application/octet-stream', '.woff2': 'font/woff2',
};
// The output feeds by name, as a host that knows them would label them.
const NAMED: Record<string, string> = { 'atom.xml': 'application/atom+xml; charset=utf-8', 'rss.xml': 'application/rss+xml; charset=utf-8', 'feed.json': 'application/feed+json' };

const RELOAD_PATH = '/__broadsheet/reload';
// Same-origin script and event stream: the pages' Content-Security-Policy allows both.
const RELOAD_JS = `new EventSource(${JSON.stringify(RELOAD_PATH)}).onmessage = function () { location.reload(); };\n`;

export interface PreviewServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export interface PreviewOptions {
  root: string;
  /** The site's path prefix (`/` or `/news/`): pages are served under it, as deployed. */
  base: string;
  port: number;
  /** Ports tried after `port` when it is taken. */
  tries?: number;
  onReload?: () => void;
}

/**
 * `site.out` on 127.0.0.1 under the site's base path, with content types, `404.html` for what is
 * missing, and live reload: pages get a small script that reloads them when a build changes files.
 */
export async function startPreview(o: PreviewOptions): Promise<PreviewServer> {
  const root = resolve(o.root);
  const clients = new Set<ServerResponse>();
  const server = createServer((req, res) => handle(req, res, root, o.base, clients));
  const port = await listen(server, o.port, o.tries ?? 20);
  let timer: NodeJS.Timeout | undefined;
  // A build writes many files: reload once it has been quiet for a moment.
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const c of clients) c.write('data: reload\n\n');
      o.onReload?.();
    }, 300);
  };
  let watcher: FSWatcher | null = null;
  let closed = false;
  const startWatching = () => {
    if (closed || !existsSync(root)) return;
    watcher = watch(root, { recursive: true }, changed);
    // Node's recursive watch on Linux fails when a folder it is adding goes away mid-build (a temp
    // file's, a list that shrank): watch again rather than let the error end the server.
    watcher.on('error', () => {
      watcher?.close();
      changed();
      setTimeout(startWatching, 100);
    });
  };
  startWatching();
  return {
    server,
    url: `http://127.0.0.1:${port}${o.base}`,
    close: () =>
      new Promise<void>((done) => {
        closed = true;
        clearTimeout(timer);
        watcher?.close();
        for (const c of clients) c.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number, tries: number): Promise<number> {
  return new Promise((done, fail) => {
    const attempt = (p: number, left: number) => {
      server.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' && left > 0 ? attempt(p + 1, left - 1) : fail(e)));
      server.listen(p, '127.0.0.1', () => done((server.address() as { port: number }).port));
    };
    attempt(port, tries);
  });
}

function handle(req: IncomingMessage, res: ServerResponse, root: string, base: string, clients: Set<ServerResponse>): void {
  const raw = new URL(req.url ?? '/', 'http://x').pathname;
  const path = decodeURIComponentSafe(raw);
  if (path === RELOAD_PATH) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
    return;
  }
  if (path === `${RELOAD_PATH}.js`) return void res.writeHead(200, { 'content-type': TYPES['.js']! }).end(RELOAD_JS);
  if (path === null || !path.startsWith(base)) {
    // Outside the site's path: where a deployed project site would not answer either; point to it.
    if (path === base.slice(0, -1) || path === '/') return void res.writeHead(302, { location: base }).end();
    return notFound(res, root);
  }
  let file = resolve(root, `.${sep}${path.slice(base.length)}`);
  if (file !== root && !file.startsWith(root + sep)) return notFound(res, root);
  if (existsSync(file) && statSync(file).isDirectory()) {
    // The address as it came, one leading slash: `//host/…` in a Location would send the reader to another host.
    if (!path.endsWith('/')) return void res.writeHead(301, { location: `/${raw.replace(/^\/+/, '')}/` }).end();
    file = join(file, 'index.html');
  }
  if (!existsSync(file) || !statSync(file).isFile() || !inside(root, file)) return notFound(res, root);
  send(res, 200, file);
}

/** Whether a file is really inside the site, symbolic links resolved: a link out of `site.out` is not served. */
function inside(root: string, file: string): boolean {
  const real = realpathSync(file);
  const top = realpathSync(root);
  return real.startsWith(top + sep);
}

function notFound(res: ServerResponse, root: string): void {
  const page = join(root, '404.html');
  if (existsSync(page)) return send(res, 404, page);
  res.writeHead(404, { 'content-type': TYPES['.txt']! }).end('not found\n');
}

function send(res: ServerResponse, status: number, file: string): void {
  const name = file.slice(file.lastIndexOf(sep) + 1);
  const type = NAMED[name] ?? TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // Pages are read while a build may be replacing them: never cached, so a reload shows the new one.
  const headers = { 'content-type': type, 'cache-control': 'no-cache' };
  if (type.startsWith('text/html')) {
    readFile(file, 'utf8').then(
      (html) => {
        const at = html.lastIndexOf('</body>');
        const tag = `<script src="${RELOAD_PATH}.js"></script>`;
        res.writeHead(status, headers).end(at >= 0 ? html.slice(0, at) + tag + html.slice(at) : html + tag);
      },
      () => res.writeHead(500).end(),
    );
    return;
  }
  res.writeHead(status, headers);
  createReadStream(file).on('error', () => res.end()).pipe(res);
}

function decodeURIComponentSafe(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
