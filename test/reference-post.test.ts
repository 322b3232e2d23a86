import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'hexo-front-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { body, startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { canonicalHtml } from './helpers/html.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';
import { noteMissingFixtures, sharedFixtures } from './helpers/fixtures.js';

const fixtures = sharedFixtures();
const referencePath = fixtures ? resolve(fixtures, '../seed/reference-post.md') : null;
const available = referencePath !== null && existsSync(referencePath);
if (!available) noteMissingFixtures();

const bodyOf = (post: string): string => post.split('<div>   \n')[1]!.split('\n  \n</div>')[0]!;

describe.skipIf(!available)('the reference post', () => {
  let srv: FeedServer;
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let reference: string;

  beforeAll(async () => {
    reference = readFileSync(referencePath!, 'utf8');
    const feed = rssFeed('Aljazeera 半岛网 - 新闻', [
      {
        title: '美俄承认“严重分歧” 但强调对话',
        link: 'https://chinese.aljazeera.net/news/political/2021/5/20/us-russia',
        guid: 'https://chinese.aljazeera.net/news/political/2021/5/20/us-russia',
        pubDate: 'Thu, 20 May 2021 05:06:58 GMT',
        description: bodyOf(reference),
      },
    ]);
    srv = await startFeedServer({ '/aljazeera/news': body(feed) });
    ws = await tempDir();
  });
  afterAll(async () => {
    await srv?.close();
    await ws?.cleanup();
  });

  it('round-trips through an RSSHub route into the same post', async () => {
    const config = await writeConfig(ws.dir, `rsshub:\n  instance: ${srv.url}\nsources:\n  - route: /aljazeera/news\n    category: 新媒体\n    site: Aljazeera 半岛网\n    channel: 新闻\nhexo:\n  posts: hexo/source/_posts\n`);
    expect(await main(['run', '-c', config, '-q'], captureIo(ws.dir))).toBe(0);
    const path = join(ws.dir, 'hexo/source/_posts/新媒体/Aljazeera 半岛网/新闻/美俄承认_严重分歧_ 但强调对话.md');
    const ours = readFileSync(path, 'utf8');

    const want = parse(reference);
    const got = parse(ours);
    expect(Object.keys(got)).toEqual(Object.keys(want));
    const { _content: gotContent, ...gotData } = got;
    const { _content: wantContent, ...wantData } = want;
    expect(gotData).toEqual(wantData);
    expect(canonicalHtml(bodyOf(ours))).toBe(canonicalHtml(bodyOf(reference)));
    expect(canonicalHtml(String(gotContent))).toBe(canonicalHtml(String(wantContent)));
    // Byte for byte but for the sanitizer's serialization: `&amp;` in attributes and `<img ... />`.
    expect(ours.replace(/&amp;/g, '&').replace(/ \/>/g, '>')).toBe(reference);
  });
});
