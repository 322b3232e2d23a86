import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { md5Hex, secretForms } from '../src/shared/index.js';
import type { RunPhases } from '../src/pipeline/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

const KEY = 'TopSecretKey-42';

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? allFiles(join(dir, n)) : [join(dir, n)]));
}

describe('broadsheet CLI', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    // Plays a protected RSSHub instance: 403 without the right code; the feed echoes the request URL as RSSHub does.
    srv = await startFeedServer({
      '/protected/route': (req, res) => {
        const url = new URL(req.url!, 'http://x');
        if (url.searchParams.get('code') !== md5Hex('/protected/route' + KEY)) {
          res.writeHead(403).end(`Authentication failed. Access denied.\n${req.url}`);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('受保护', [{ title: `链接 ${req.url}`, link: `https://e.com/x?from=${encodeURIComponent(req.url!)}`, description: `<a href="${req.url}">self</a>` }]));
      },
    });
    ws = await tempDir();
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  const protectedConfig = (): Promise<string> =>
    writeConfig(ws.dir, `rsshub:\n  instance: ${srv.url}\n  key: \${RSSHUB_KEY}\nsources:\n  - route: /protected/route\n    category: 测试\n    site: 受保护\n    channel: 全部\nhexo: { posts: out/_posts }\n`);

  it('signs RSSHub requests and never prints or writes the key or the code', async () => {
    const config = await protectedConfig();
    const io = captureIo(ws.dir, { RSSHUB_KEY: KEY });
    expect(await main(['run', '-c', config, '--verbose'], io)).toBe(0);
    const printed = [...io.stdout, ...io.stderr].join('\n');
    expect(printed).toMatch(/\/protected\/route\s+受保护 \/ 全部\s+1\s+1\s+ok/);
    const code = md5Hex('/protected/route' + KEY);
    const written = allFiles(join(ws.dir, 'out')).map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const secret of [KEY, code]) {
      expect(printed).not.toContain(secret);
      expect(written).not.toContain(secret);
    }
    // -v logs each request, its answer, the charset and cache decisions (issue: -v printed nothing more).
    const log = io.stderr.join('\n');
    expect(log).toMatch(/^debug request sourceId="\/protected\/route" url="http:\/\/127\.0\.0\.1:\d+\/protected\/route\?code=\*\*\*" conditional="no"/m);
    expect(log).toMatch(/^debug response .*status=200 bytes=\d+ ms=\d+ attempt=1/m);
    expect(log).toMatch(/^debug decoded .*charset="utf-8"/m);
    expect(log).toMatch(/^debug entries .*format="rss" seen=1 normalized=1 unchangedSkipped=0/m);
  });

  it('reports a wrong key as a 403 of that source, without the key', async () => {
    const config = await protectedConfig();
    const io = captureIo(ws.dir, { RSSHUB_KEY: 'wrong-key' });
    expect(await main(['fetch', '-c', config, '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n'));
    expect(report.sources[0]).toMatchObject({ status: 'failed', httpStatus: 403, error: { code: 'fetch.http' } });
    expect(io.stdout.join('\n') + io.stderr.join('\n')).not.toContain(md5Hex('/protected/route' + 'wrong-key'));
  });

  it('checks a config without touching the network', async () => {
    const config = await protectedConfig();
    const io = captureIo(ws.dir, { RSSHUB_KEY: KEY });
    const before = srv.requests.length;
    expect(await main(['check', '-c', config, '--offline'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('1 sources (1 rsshub)');
    expect(io.stdout.join('\n')).toContain('with access key (code)');
    expect(io.stdout.join('\n')).not.toContain(KEY);
    expect(srv.requests.length).toBe(before);
  });

  it('exits 2 naming the file and line of a bad config', async () => {
    const config = await writeConfig(ws.dir, 'sources:\n  - route: /a\n    category: c\n    sight: s\n');
    const io = captureIo(ws.dir);
    expect(await main(['check', '-c', config], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(`${config}:4: sources[0].sight: unknown key sight`);
  });

  it('exits 2 for a source without names, pointing at its line', async () => {
    const config = await writeConfig(ws.dir, 'sources:\n  - url: https://e.com/a.xml\n    category: c\n');
    const io = captureIo(ws.dir);
    expect(await main(['check', '-c', config], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(`${config}:2: source feed-`);
    expect(io.stderr.join('\n')).toContain('needs site, channel');
  });

  it('exits 2 for an unknown command or option, suggesting the nearest', async () => {
    const a = captureIo(ws.dir);
    expect(await main(['frobnicate'], a)).toBe(2);
    expect(a.stderr.join('\n')).toContain("unknown command 'frobnicate'");
    const b = captureIo(ws.dir);
    expect(await main(['run', '--nope'], b)).toBe(2);
    expect(b.stderr.join('\n')).toContain("unknown option '--nope'");
    const c = captureIo(ws.dir);
    expect(await main(['stauts'], c)).toBe(2);
    expect(c.stderr.join('\n')).toContain('(Did you mean status?)');
  });

  it('takes the general options anywhere and for every command, and shows a command\'s help with its real usage (issue: the command line)', async () => {
    const config = await protectedConfig();
    const before = captureIo(ws.dir, { RSSHUB_KEY: KEY });
    expect(await main(['-c', config, 'check', '--offline'], before)).toBe(0);
    expect(before.stdout.join('\n')).toContain(`${config}: ok`);
    for (const argv of [['check', '--json', '--offline', '-c', config], ['hexo', '-v', '-c', config], ['status', '-q', '-c', config]]) {
      expect(await main(argv, captureIo(ws.dir, { RSSHUB_KEY: KEY })), argv.join(' ')).toBe(0);
    }
    const help = captureIo(ws.dir);
    expect(await main(['help', 'sources'], help)).toBe(0);
    expect(help.stdout.join('\n')).toContain('Usage: broadsheet sources search <words>… | list | add <route>…');
    const subHelp = captureIo(ws.dir);
    expect(await main(['sources', 'add', '--help'], subHelp)).toBe(0);
    expect(subHelp.stdout.join('\n')).toContain('add <route>…');
  });

  it('prints help and version', async () => {
    const io = captureIo(ws.dir);
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/run \[options\]\s+fetch every source/);
    expect(await main(['--version'], io)).toBe(0);
    expect(io.stdout.at(-1)).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the command line in a pipe', () => {
  it('ends quietly when the reader closes the pipe (issue: EPIPE stack trace)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { resolve } = await import('node:path');
    const ws = await tempDir();
    // Enough output to fill the pipe: an OPML of 5,000 sources.
    const config = await writeConfig(ws.dir, `sources:\n${Array.from({ length: 5000 }, (_, i) => `  - url: https://feeds.test/${i}.xml\n    category: c\n    site: s${i}\n    channel: ch\n`).join('')}`);
    const r = spawnSync('bash', ['-c', `node --import tsx ${resolve('test/helpers/cli-entry.ts')} export opml -c ${config} | head -c 1 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 60_000 });
    await ws.cleanup();
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('exit 0');
  }, 60_000);
});

describe('the access key in every form, in both key modes (issue 13 #4, issue 25 #2)', () => {
  const KEY2 = 'p@ss w+rd&x=1/y';
  it.each(['key', 'code'] as const)('is found nowhere in the store, the posts, the site or the output with keyMode: %s; nor is the instance\'s host on the site', async (mode) => {
    const { readdirSync: ls, existsSync } = await import('node:fs');
    // RSSHub echoes the URL it was asked for; this one echoes it into every field an item has, in upper- and lower-case hex.
    const srv = await startFeedServer({
      '/echo/route': (req, res) => {
        const url = req.url!;
        const forms = `${url} ${decodeURIComponent(url)} ${url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>回声 ${forms}</title>` +
            `<item><title>标题 ${forms}</title><link>https://e.test/x?u=${encodeURIComponent(url)}</link><guid>g1</guid>` +
            `<dc:creator>作者 ${forms}</dc:creator><category>分类 ${forms}</category><pubDate>Thu, 20 May 2021 05:06:58 GMT</pubDate>` +
            `<description>${`<p>${forms}</p><img src="https://img.test/a.png?u=${encodeURIComponent(url).toLowerCase()}"><a href="https://e.test/?${url.split('?')[1]}">原文</a>`.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</description></item></channel></rss>`,
        );
      },
      // A failing server whose reason phrase repeats the request, key included.
      '/echo/fail': (req, res) => void res.writeHead(503, `Bad ${req.url}`).end(),
    });
    const ws = await tempDir();
    const config = await writeConfig(ws.dir, `rsshub:\n  instance: ${srv.url}\n  key: \${RSSHUB_KEY}\n  keyMode: ${mode}\nfetch: { retries: 0 }\nsources:\n  - route: /echo/route\n    category: 测试\n    site: 回声\n    channel: 全部\n  - route: /echo/fail\n    category: 测试\n    site: 失败\n    channel: 全部\nhexo:\n  posts: posts\nstore:\n  path: state.db\nsite:\n  out: public\n  url: https://news.test/\n`);
    const io = captureIo(ws.dir, { RSSHUB_KEY: KEY2 });
    expect(await main(['run', '-v', '--json', '-c', config], io)).toBe(0);
    const codes = ['/echo/route', '/echo/fail'].map((r) => md5Hex(r + KEY2));
    const forms = [...secretForms(KEY2), ...codes].map((f) => f.toLowerCase());
    const files = ['posts', 'public'].flatMap((d) => allFiles(join(ws.dir, d))).concat(ls(ws.dir).filter((f) => f.startsWith('state.db')).map((f) => join(ws.dir, f)));
    expect(files.some((f) => f.endsWith('.md'))).toBe(true);
    expect(existsSync(join(ws.dir, 'state.db'))).toBe(true);
    const everything = [...io.stdout, ...io.stderr, ...files.map((f) => readFileSync(f).toString('latin1')), ...files.map((f) => readFileSync(f, 'utf8'))].join('\n').toLowerCase();
    for (const form of forms) expect(everything, form).not.toContain(form);
    // The failure is on the sources page, without the instance's host.
    const published = ['public/status/index.html', 'public/status/status.json', 'public/sources.opml'].map((f) => readFileSync(join(ws.dir, f), 'utf8')).join('\n');
    expect(published).toContain('rsshub://echo/fail');
    expect(published).not.toContain(new URL(srv.url).host);
    await srv.close();
    await ws.cleanup();
  });
});


describe('where a run spent its time (issue 14)', () => {
  it('reports each phase in --json: per-source sums and each output’s wall time', async () => {
    const srv = await startFeedServer({
      '/feed': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('时间', Array.from({ length: 30 }, (_, i) => ({ title: `条目 ${i}`, link: `https://e.com/${i}`, description: `<p>${'正文 '.repeat(200)}<img src="https://img.test/${i}.png"></p>` })))),
    });
    const ws = await tempDir();
    try {
      const config = await writeConfig(ws.dir, `sources:\n  - url: ${srv.url}/feed\n    category: 测试\n    site: 时间\n    channel: 全部\nhexo:\n  posts: posts\nsite:\n  out: public\n`);
      const io = captureIo(ws.dir);
      expect(await main(['run', '--json', '-c', config], io)).toBe(0);
      const { phases } = JSON.parse(io.stdout.join('')) as { phases: RunPhases };
      for (const key of ['fetchWaitMs', 'parseMs', 'sanitizeMs', 'normalizeMs', 'storeMs'] as const) expect(phases[key], key).toBeGreaterThan(0);
      expect(Object.keys(phases.outputsMs).sort()).toEqual(['hexo', 'site']);
      expect(phases.totalMs).toBeGreaterThanOrEqual(phases.ingestMs + phases.outputsMs.hexo! + phases.outputsMs.site!);
      // A second run reads nothing (304 or unchanged entries): nothing parsed or sanitized again.
      const again = captureIo(ws.dir);
      expect(await main(['run', '--json', '-c', config], again)).toBe(0);
      expect((JSON.parse(again.stdout.join('')) as { phases: RunPhases }).phases.sanitizeMs).toBe(0);
    } finally {
      await srv.close();
      await ws.cleanup();
    }
  });
});
