import { sanitize, type Item } from '../../src/content/index.js';
import type { StoredItem } from '../../src/store/index.js';


/** An item as the store gives it, with the fields a test cares about overridden. */
export function sampleItem(over: Partial<StoredItem> = {}): StoredItem {
  return {
    id: 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef',
    sourceId: '/aljazeera/news',
    title: '美俄承认“严重分歧” 但强调对话',
    link: 'https://chinese.aljazeera.net/news/2021/5/20/x',
    publishedAt: '2021-05-20T05:06:58.000Z',
    dateText: 'Thu, 20 May 2021 05:06:58 GMT',
    author: null,
    html: sanitize('<p>正文</p>', 'https://chinese.aljazeera.net/'),
    excerpt: '正文',
    image: null,
    categories: [],
    contentHash: 'x',
    entryHash: null,
    firstSeenAt: '2026-11-26T00:00:00.000Z',
    updatedAt: '2026-11-26T00:00:00.000Z',
    sortAt: over.publishedAt ?? '2021-05-20T05:06:58.000Z',
    seq: 1,
    origin: 'feed',
    names: ALJAZEERA,
    sourceIds: ['/aljazeera/news'],
    hiddenBy: null,
    storyId: null,
    ...over,
  };
}

/** An item as content makes it (what the store takes). */
export function contentItem(over: Partial<Item> = {}): Item {
  const { firstSeenAt: _f, updatedAt: _u, sortAt: _s, seq: _q, origin: _o, names: _n, sourceIds: _i, hiddenBy: _h, storyId: _y, ...item } = sampleItem(over);
  return item;
}

export const ALJAZEERA = { category: '新媒体', site: 'Aljazeera 半岛网', channel: '新闻' };
