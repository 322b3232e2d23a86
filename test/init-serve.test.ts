import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir } from './helpers/workspace.js';

const ENTRY = resolve('test/helpers/cli-entry.ts');
// The child runs in the project's folder, where no tsx is installed: load it by path.
const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;

/** `broadsheet serve` in its own process; resolves with its URL once it listens. */
function serve(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', TSX, ENTRY, 'serve', ...args], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  return new Promise((done, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      lines.push(...String(d).trim().split('\n'));
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(lines.join('\n'))?.[1];
      if (url) done({ child, url, lines });
    });
    child.stderr!.on('data', (d: Buffer) => lines.push(String(d)));
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${lines.join('\n')}`)));
  });
}

const stopped = (child: ChildProcess) => new Promise<number | null>((done) => (child.exitCode !== null ? done(child.exitCode) : child.on('exit', (code) => done(code))));

describe('a new project: init, run against feeds, serve', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let feeds: FeedServer;
  let env: NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];
  let blocker: Server;

  beforeAll(async () => {
    ws = await tempDir('broadsheet-init-');
    // Every route and the plain feed of the starter config, on loopback.
    let n = 0;
    const feed = () => rssFeed('源', Array.from({ length: 3 }, () => ({ title: `第${++n}条新闻`, guid: `g${n}`, link: `https://example.com/${n}`, pubDate: new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toUTCString(), description: `<p>正文 ${n}</p>` })));
    feeds = await startFeedServer({ '/': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed()) });
    env = { RSSHUB_INSTANCE: feeds.url, SITE_URL: 'http://127.0.0.1:4000/news/' };
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    blocker?.close();
    await feeds?.close();
    await ws?.cleanup();
  });

  it('writes a starter project, refuses to overwrite it, and says what it wrote', async () => {
    const io = captureIo(ws.dir);
    expect(await main(['init', 'news', '--github'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/wrote news\/broadsheet\.yml[\s\S]*wrote news\/\.github\/workflows\/broadsheet\.yml[\s\S]*news\/\.gitignore/);
    expect(readFileSync(join(ws.dir, 'news/.gitignore'), 'utf8')).toContain('/.broadsheet/');
    const again = captureIo(ws.dir);
    expect(await main(['init', 'news'], again)).toBe(2);
    expect(again.stderr.join('\n')).toMatch(/broadsheet\.yml already exists; nothing was written \(--force overwrites\)/);
    writeFileSync(join(ws.dir, 'news/broadsheet.yml'), readFileSync(join(ws.dir, 'news/broadsheet.yml'), 'utf8').replace('https://www.solidot.org/index.rss', `${feeds.url}/plain.rss`));
    const r = captureIo(join(ws.dir, 'news'), env);
    expect(await main(['run', '-q'], r)).toBe(0);
    expect(r.stdout.join('\n')).toMatch(/7 sources/);
    expect(existsSync(join(ws.dir, 'news/public/index.html'))).toBe(true);
  }, 60_000);

  it('serves the site under its sub-path with content types, a 404 page and a redirect into the base', async () => {
    // Port 4000 taken: serve moves to the next free one, as Hexo users expect.
    blocker = createServer();
    const taken = await new Promise<number>((done) => blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)));
    const s = await serve(join(ws.dir, 'news'), ['--port', String(taken)], env);
    children.push(s.child);
    // The next free one: usually taken + 1, but parallel tests may hold that too.
    const moved = Number(new URL(s.url).port);
    expect(moved).toBeGreaterThan(taken);
    expect(moved).toBeLessThanOrEqual(taken + 20);
    expect(s.url).toBe(`http://127.0.0.1:${moved}/news/`);
    const home = await fetch(s.url);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await home.text();
    expect(html).toContain('我的新闻站');
    expect(html).toContain('/__broadsheet/reload.js');
    const origin = new URL(s.url).origin;
    const css = /href="(\/news\/assets\/site\.[0-9a-f]+\.css)"/.exec(html)![1]!;
    expect((await fetch(origin + css)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${s.url}atom.xml`)).headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect((await fetch(`${s.url}feed.json`)).headers.get('content-type')).toBe('application/feed+json');
    expect((await fetch(`${s.url}search/index.json`)).headers.get('content-type')).toBe('application/json');
    const article = /href="(\/news\/p\/[0-9a-f]{12}\.html)"/.exec(html)![1]!;
    expect(await (await fetch(origin + article)).text()).toMatch(/<h1>第\d+条新闻<\/h1>/);
    const category = await fetch(`${s.url}categories/${encodeURIComponent('科技')}/`);
    expect(category.status).toBe(200);
    expect((await fetch(`${s.url}categories/${encodeURIComponent('科技')}`, { redirect: 'manual' })).status).toBe(301);
    const missing = await fetch(`${s.url}no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('找不到这个页面');
    expect((await fetch(`${s.url}%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    // Issue 25 #7: nothing served through a link out of the site.
    symlinkSync('/etc/hostname', join(ws.dir, 'news/public/leak.txt'));
    expect((await fetch(`${s.url}leak.txt`)).status).toBe(404);
    const root = await fetch(`${origin}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/news/']);
    s.child.kill('SIGTERM');
    expect(await stopped(s.child)).toBe(0);
  }, 60_000);

  it('tells open pages to reload after a build', async () => {
    const s = await serve(join(ws.dir, 'news'), ['--port', '0'], env);
    children.push(s.child);
    const events = await fetch(`${new URL(s.url).origin}/__broadsheet/reload`);
    const reader = events.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
    expect(await main(['build', '--full', '-q'], captureIo(join(ws.dir, 'news'), env))).toBe(0);
    const next = await Promise.race([reader.read().then((r) => new TextDecoder().decode(r.value)), new Promise<string>((done) => setTimeout(() => done('timeout'), 10_000))]);
    expect(next).toBe('data: reload\n\n');
    await reader.cancel();
    s.child.kill('SIGINT');
    expect(await stopped(s.child)).toBe(0);
  }, 60_000);
});
