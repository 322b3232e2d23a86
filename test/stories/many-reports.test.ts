import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { rssFeed } from '../helpers/rss.js';
import { captureIo, tempDir, writeConfig } from '../helpers/workspace.js';

/**
 * One story fifteen outlets told: a card names its first outlets, an article the first others and how
 * many more, so a story a hundred outlets told costs a page its first few reports, not all of them.
 */
const OUTLETS = 15;
const TITLE = '央行开展5000亿元MLF操作 中标利率持平';
const LEAD = '中国人民银行15日开展5000亿元中期借贷便利（MLF）操作，中标利率为2.0%，与上月持平。';

describe('a story many outlets told', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  const site = (rel: string) => readFileSync(join(ws.dir, 'public', rel), 'utf8');

  beforeAll(async () => {
    ws = await tempDir('broadsheet-many-reports-');
    srv = await startFeedServer(Object.fromEntries(Array.from({ length: OUTLETS }, (_, k) => [`/o${k}.rss`, (_q: unknown, res: import('node:http').ServerResponse) =>
      void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(`媒体${k}`, [{ title: TITLE, description: LEAD, link: `https://o${k}.example.com/mlf.html`, guid: `o${k}`, pubDate: new Date(Date.UTC(2026, 11, 15, 1, k)).toUTCString() }]))])));
    const sources = Array.from({ length: OUTLETS }, (_, k) => `  - url: ${srv.url}/o${k}.rss\n    category: 财经\n    site: 媒体${String(k).padStart(2, '0')}\n    channel: 要闻\n`).join('');
    const io = captureIo(ws.dir);
    const config = await writeConfig(ws.dir, `sources:\n${sources}store:\n  path: state.db\nsite:\n  out: public\n  url: https://news.example.org/\n`);
    expect(await main(['run', '-q', '-c', config], io)).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('names its first three outlets on the card and how many told it', () => {
    const home = site('index.html');
    expect(home.match(/<li class="card/g) ?? []).toHaveLength(1);
    expect(home).toContain('15 家来源');
    expect(home).toContain('媒体00、媒体01、媒体02等');
    expect(home).not.toContain('媒体03');
  });

  it('lists the first eleven other reports on its page, then how many more', () => {
    const first = readFileSync(join(ws.dir, 'public', home(site('index.html'))), 'utf8');
    const others = first.slice(first.indexOf('其他来源的报道'));
    expect(others.match(/<li><a /g) ?? []).toHaveLength(11);
    expect(others).toContain('另有 3 篇报道');
  });

  const home = (html: string) => /href="\/(p\/[0-9a-f]+\.html)"/.exec(html)![1]!;
});
