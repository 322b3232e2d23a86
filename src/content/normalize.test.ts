import { describe, expect, it } from 'vitest';
import type { Entry } from '../feed/index.js';
import { entryHash, normalizeEntry, withoutTitle } from './normalize.js';

const entry = (over: Partial<Entry>): Entry => ({
  title: '第 12 期', link: 'https://pod.example.cn/12', guid: '12', publishedText: null, published: null, updatedText: null, updated: null, author: null,
  contentHtml: '<p>本期节目</p>', summary: null, baseUrl: 'https://pod.example.cn/', enclosures: [], thumbnails: [], categories: [], ...over,
});

describe('normalizeEntry with enclosures (issue: podcast posts without audio)', () => {
  it.each([
    { name: 'audio by type', enclosure: { url: 'https://cdn.example.cn/12.mp3', type: 'audio/mpeg', length: 1 }, html: '<p><audio controls preload="none" src="https://cdn.example.cn/12.mp3"></audio></p>' },
    { name: 'video by type', enclosure: { url: 'https://cdn.example.cn/12.mp4', type: 'video/mp4', length: 1 }, html: '<p><video controls preload="none" src="https://cdn.example.cn/12.mp4"></video></p>' },
    { name: 'audio by extension, no type', enclosure: { url: 'https://cdn.example.cn/12.m4a?x=1&y=2', type: null, length: null }, html: '<p><audio controls preload="none" src="https://cdn.example.cn/12.m4a?x=1&amp;y=2"></audio></p>' },
  ])('keeps $name as a player after the body', ({ enclosure, html }) => {
    expect(normalizeEntry('s', entry({ enclosures: [enclosure] })).html).toBe(`<p>本期节目</p>${html}`);
  });

  it('adds nothing for a picture, a file already in the body, or a hostile URL', () => {
    const img = { url: 'https://cdn.example.cn/cover.jpg', type: 'image/jpeg', length: 1 };
    const inBody = { url: 'https://cdn.example.cn/in.mp3', type: 'audio/mpeg', length: 1 };
    const hostile = { url: 'javascript:alert(1)//x.mp3', type: 'audio/mpeg', length: 1 };
    const quote = { url: 'https://cdn.example.cn/a.mp3" onerror="alert(1)', type: 'audio/mpeg', length: 1 };
    const item = normalizeEntry('s', entry({ contentHtml: '<p><audio src="https://cdn.example.cn/in.mp3"></audio></p>', enclosures: [img, inBody, hostile, quote] }));
    expect(item.html).not.toMatch(/javascript|onerror="|cover\.jpg/);
    expect(item.html.match(/<audio/g)).toHaveLength(2); // the body's own, and the one whose quotes are percent-encoded
    expect(item.html).toContain('src="https://cdn.example.cn/a.mp3%22%20onerror=%22alert(1)"');
  });
});

describe('normalizeEntry with hostile URLs (issue 13 #6)', () => {
  it('drops javascript: and data: links and keeps only normalised http(s) images', () => {
    expect(normalizeEntry('s', entry({ link: 'javascript:alert(1)' })).link).toBeNull();
    expect(normalizeEntry('s', entry({ link: 'data:text/html,<script>alert(1)</script>' })).link).toBeNull();
    expect(normalizeEntry('s', entry({ link: 'https://pod.example.cn/12?a=1' })).link).toBe('https://pod.example.cn/12?a=1');
    expect(normalizeEntry('s', entry({ contentHtml: '<p>x</p>', thumbnails: ['https://i.test/b.png"onerror="alert(1)'] })).image).toBe('https://i.test/b.png%22onerror=%22alert%281%29');
    expect(normalizeEntry('s', entry({ contentHtml: '<p>x</p>', thumbnails: ["https://i.test/c.png')+url(javascript:alert(1)"] })).image).toBe('https://i.test/c.png%27%29+url%28javascript:alert%281%29');
    expect(normalizeEntry('s', entry({ contentHtml: '<p>x</p>', thumbnails: ['javascript:alert(1)', 'https://i.test/ok.png'] })).image).toBe('https://i.test/ok.png');
  });
});

describe('withoutTitle (issue 27: excerpts repeated the 【title】 of newsflashes)', () => {
  it.each([
    ['【央行开展 5000 亿元 MLF 操作】今日央行开展操作，利率持平。', '央行开展 5000 亿元 MLF 操作', '今日央行开展操作，利率持平。'],
    ['央行开展 MLF 操作：今日央行开展操作。', '央行开展 MLF 操作', '今日央行开展操作。'],
    ['【快讯】与标题无关的正文。', '央行开展 MLF 操作', '【快讯】与标题无关的正文。'],
    ['一段正文。', '一段', '一段正文。'],
  ])('%s', (text, title, expected) => expect(withoutTitle(text, title)).toBe(expected));
});

describe('entryHash', () => {
  it('is the same for the same entry and tells apart what a naive join would not', () => {
    expect(entryHash(entry({}))).toBe(entryHash(entry({})));
    // A field's end is not where the next begins.
    expect(entryHash(entry({ title: 'ab', link: 'c' }))).not.toBe(entryHash(entry({ title: 'a', link: 'bc' })));
    expect(entryHash(entry({ author: null }))).not.toBe(entryHash(entry({ author: '' })));
    expect(entryHash(entry({ author: null }))).not.toBe(entryHash(entry({ author: '-' })));
    // Normalizing drops a lone surrogate and keeps U+FFFD: their items differ, so must their fingerprints.
    expect(entryHash(entry({ title: 'x\uD800' }))).not.toBe(entryHash(entry({ title: 'x\uFFFD' })));
    expect(entryHash(entry({ categories: ['a'] }))).not.toBe(entryHash(entry({ thumbnails: ['a'] })));
  });
});
