import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFeed } from '../fetch/index.js';
import { parseFeed } from './parse.js';
import type { Entry } from './types.js';

const DIR = join(import.meta.dirname, '../../test/fixtures/feed');
const BASE = 'https://base.example/feed';
const read = (name: string) => {
  const feed = parseFeed(decodeFeed(readFileSync(join(DIR, name))).text, BASE);
  if (feed instanceof Error) throw feed;
  return feed;
};
const at = (e: Entry) => ({ published: e.published?.toISOString() ?? null, updated: e.updated?.toISOString() ?? null });

/** Hand-made documents shipped in the repo, one per format, so a fresh clone tests every format. */
const CASES: Array<{ name: string; file: string; format: string; title: string; link: string; entries: number; first: Partial<Entry>; dates: ReturnType<typeof at> }> = [
  {
    name: 'RSS 2.0 with content:encoded, dc:creator, enclosure and media:thumbnail',
    file: 'rss2.xml', format: 'rss', title: '示例新闻 - RSSHub', link: 'https://news.example.cn/', entries: 2,
    first: {
      title: '美俄承认“严重分歧” 但强调对话', link: 'https://news.example.cn/2021/05/20/a.html', guid: 'news-1', author: '记者 王五',
      publishedText: 'Thu, 20 May 2021 05:06:58 GMT', contentHtml: '<p>正文 <img src="/img/a.jpg"></p>', summary: '短摘要',
      enclosures: [{ url: 'https://cdn.example.cn/a.mp3', type: 'audio/mpeg', length: 1234 }], thumbnails: ['https://cdn.example.cn/thumb.jpg'], categories: ['国际', '外交'],
    },
    dates: { published: '2021-05-20T05:06:58.000Z', updated: null },
  },
  {
    name: 'RSS 0.91 in ISO-8859-1 with a DOCTYPE',
    file: 'rss091.xml', format: 'rss', title: 'Old School', link: 'http://old.example.com/', entries: 1,
    first: { title: 'Café opens', link: 'http://old.example.com/cafe', guid: null, contentHtml: 'A new café & bar.', author: null },
    dates: { published: null, updated: null },
  },
  {
    name: 'RSS 1.0 (RDF) with Dublin Core',
    file: 'rdf.xml', format: 'rdf', title: 'RDF Site Summary', link: 'https://rdf.example.org/', entries: 2,
    first: { title: '第一篇', link: 'https://rdf.example.org/1', guid: 'https://rdf.example.org/1', author: 'Alice', publishedText: '2024-03-01T08:30:00+08:00', categories: ['研究'], summary: 'RDF 条目' },
    dates: { published: '2024-03-01T00:30:00.000Z', updated: null },
  },
  {
    name: 'Atom 1.0 with xml:base, XHTML content and an HTML title',
    file: 'atom10.xml', format: 'atom', title: 'Atom 博客', link: 'https://atom.example.net/blog/', entries: 2,
    first: {
      title: 'Bold 标题', link: 'https://atom.example.net/blog/posts/1', guid: 'tag:atom.example.net,2025:1', author: 'Bob', summary: 'Summary text',
      contentHtml: '<p>XHTML <a href="../about">body</a></p>', baseUrl: 'https://atom.example.net/blog/',
      enclosures: [{ url: 'https://atom.example.net/v.mp4', type: 'video/mp4', length: 99 }], categories: ['tech'],
    },
    dates: { published: '2025-01-01T00:00:00.000Z', updated: '2025-01-02T03:04:05.000Z' },
  },
  {
    name: 'Atom 0.3 with base64 content and issued/modified',
    file: 'atom03.xml', format: 'atom', title: 'Atom 0.3', link: 'http://old-atom.example.com/', entries: 1,
    first: { title: 'Zero point three', link: 'http://old-atom.example.com/2004/12/13', guid: 'tag:old-atom.example.com,2004:1', contentHtml: '<p>Base64 body</p>' },
    dates: { published: '2004-12-13T12:29:29.000Z', updated: '2004-12-13T18:30:02.000Z' },
  },
  {
    name: 'JSON Feed 1.0 with a feed author, image and tags',
    file: 'jsonfeed-1.0.json', format: 'json', title: 'JSON Feed 1.0', link: 'https://json.example.org/', entries: 1,
    first: { title: '一号', link: 'https://json.example.org/1', guid: '1', author: 'Feed Writer', contentHtml: '<p>HTML 内容</p>', summary: '摘要', thumbnails: ['https://json.example.org/1.png'], categories: ['甲', '乙'] },
    dates: { published: '2023-06-01T04:00:00.000Z', updated: null },
  },
  {
    name: 'JSON Feed 1.1 with authors, content_text and an attachment',
    file: 'jsonfeed-1.1.json', format: 'json', title: 'JSON Feed 1.1', link: 'https://json11.example.org/', entries: 2,
    first: { title: 'Text only', guid: 'a', author: 'Ann', contentHtml: '<p>Plain &lt;text&gt; body</p>', enclosures: [{ url: 'https://json11.example.org/a.mp3', type: 'audio/mpeg', length: 42 }] },
    dates: { published: null, updated: '2024-02-29T10:00:00.000Z' },
  },
];

describe('parseFeed over the shipped fixtures', () => {
  for (const c of CASES) {
    it(`reads ${c.name}`, () => {
      const feed = read(c.file);
      expect([feed.format, feed.title, feed.link, feed.entries.length]).toEqual([c.format, c.title, c.link, c.entries]);
      expect(feed.entries[0]).toMatchObject(c.first);
      expect(at(feed.entries[0]!)).toEqual(c.dates);
    });
  }

  it('resolves a relative item link against the document URL and unescapes an escaped description', () => {
    const second = read('rss2.xml').entries[1]!;
    expect(second).toMatchObject({ title: '第二条 & 实体', link: 'https://base.example/2021/05/19/b.html', contentHtml: '<p>转义的 HTML</p>', guid: null });
    expect(second.published?.toISOString()).toBe('2021-05-19T02:00:00.000Z');
  });

  it('falls back to the feed author and keeps missing fields null, never invented', () => {
    expect(read('atom10.xml').entries[1]).toMatchObject({ author: 'Feed Author', publishedText: null, published: null, contentHtml: '<p>escaped html</p>' });
    expect(read('jsonfeed-1.1.json').entries[1]).toMatchObject({ title: null, link: null, guid: 'b', published: null, updated: null });
    expect(read('rdf.xml').entries[1]).toMatchObject({ title: 'Second', contentHtml: null, published: null });
  });
});
