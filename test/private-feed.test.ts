import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { secretForms } from '../src/shared/index.js';
import { readOpml } from '../src/sources/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/** Issue 25 #3: a feed behind HTTP basic auth could not be read at all, and its URL's credentials were published. */
describe('a private feed (HTTP basic auth)', () => {
  const PASSWORD = 'pa$s wörd&1';
  let feeds: FeedServer;
  let elsewhere: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  beforeAll(async () => {
    // Another origin (another port) a redirect leads to: it must never see the credentials.
    elsewhere = await startFeedServer({ '/moved': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('别处', [{ title: '搬走的条目', guid: 'm1', link: 'https://e.test/m1' }])) });
    feeds = await startFeedServer({
      '/private': (req, res) => {
        if (req.headers.authorization !== basic('reader', PASSWORD)) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="feeds"' }).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('私人', [{ title: '私人条目', guid: 'p1', link: 'https://e.test/p1' }]));
      },
      '/redirects': (req, res) => {
        if (req.headers.authorization !== basic('reader', PASSWORD)) return void res.writeHead(401).end();
        res.writeHead(302, { location: `${elsewhere.url}/moved` }).end();
      },
    });
    ws = await tempDir('broadsheet-private-');
  });
  afterAll(async () => {
    await feeds?.close();
    await elsewhere?.close();
    await ws?.cleanup();
  });

  it('is read with credentials from its URL or from auth:, sent to its own origin only and never published', async () => {
    const withCredentials = new URL(`${feeds.url}/private`);
    withCredentials.username = 'reader';
    withCredentials.password = PASSWORD;
    const config = await writeConfig(
      ws.dir,
      `sources:\n  - url: ${withCredentials.href}\n    category: 私人\n    site: 甲\n    channel: 全部\n` +
        `  - url: ${feeds.url}/redirects\n    auth:\n      user: reader\n      password: \${FEED_PASSWORD}\n    category: 私人\n    site: 乙\n    channel: 全部\n` +
        `hexo:\n  posts: posts\nstore:\n  path: state.db\nsite:\n  out: public\n  url: https://news.test/\n`,
    );
    const io = captureIo(ws.dir, { FEED_PASSWORD: PASSWORD });
    expect({ code: await main(['run', '--json', '-v', '-c', config], io), err: io.stderr.join('\n') }).toMatchObject({ code: 0 });
    const report = JSON.parse(io.stdout.join('\n')) as { sources: Array<{ url: string; status: string; new: number }> };
    expect(report.sources.map((s) => [s.status, s.new])).toEqual([['ok', 1], ['ok', 1]]);
    // The other origin got no credentials.
    expect(elsewhere.requests.map((r) => r.headers.authorization)).toEqual([undefined]);
    // Nowhere: the report, the log, the store, the posts, the site (sources page, status.json, OPML).
    const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    const everything = [...io.stdout, ...io.stderr, ...['posts', 'public'].flatMap((d) => files(join(ws.dir, d))).concat(join(ws.dir, 'state.db')).map((f) => readFileSync(f).toString('latin1') + readFileSync(f, 'utf8'))].join('\n').toLowerCase();
    for (const form of [...secretForms(PASSWORD), 'reader:', basic('reader', PASSWORD).slice(6)]) expect(everything, form).not.toContain(form.toLowerCase());
    // A feed behind a password is not the site's readers' to subscribe to: the OPML gives the site's own feed of its category.
    expect(readOpml(readFileSync(join(ws.dir, 'public/sources.opml'), 'utf8')).map((f) => f.xmlUrl)).toEqual([`https://news.test/categories/${encodeURIComponent('私人')}/rss.xml`]);
  });
});
