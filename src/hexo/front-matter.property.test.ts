import fc from 'fast-check';
import { parse } from 'hexo-front-matter';
import { describe, expect, it } from 'vitest';
import { sampleItem } from '../../test/helpers/items.js';
import { renderPost } from './post.js';
import { postTitle } from './title.js';

const TRICKY = ["'", '"', '“', '”', '‘', '’', ':', '#', '-', '&', '*', '!', '%', '@', '|', '`', '---', '\n', '\t', '\r\n', '\u0000', '\ud800', '\udfff', '😀', 'שלום', '\u202e', '>', '[', ']', '{', '}', '? ', '\u0085', '\u2028', '\ufeff'];
const title = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(fc.constantFrom(...TRICKY, 'a', ' ', '新闻'), { maxLength: 30 }).map((xs) => xs.join('')),
  fc.string({ unit: 'grapheme', minLength: 900, maxLength: 1000 }),
);

describe('front matter for any title', () => {
  it('parses back (with Hexo’s own reader) to the promised title', () => {
    fc.assert(
      fc.property(title, fc.boolean(), (t, keepTitle) => {
        const data = parse(renderPost(sampleItem({ title: t }), { keepTitle, placeholder: 'p{n}' }));
        expect(data.title).toBe(postTitle(t, keepTitle));
        expect(data.categories).toEqual(['新媒体', 'Aljazeera 半岛网', '新闻']);
      }),
      { numRuns: 3000 },
    );
  });

  it('promises one clean line: no control characters or lone surrogates, replaced characters gone unless kept', () => {
    fc.assert(
      fc.property(title, (t) => {
        const p = postTitle(t, false);
        expect(p).not.toMatch(/[\u0000-\u001F\u007F-\u009F\n]/);
        expect(p.isWellFormed()).toBe(true);
        expect(p).not.toMatch(/[:/\\?*“”<>|[\]]/);
        expect(p).toBe(p.trim());
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves an already clean title exactly as it is', () => {
    const clean = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).map((s) => s.replace(/[\s\p{Cc}\p{Cs}\ufeff\ufffe\uffff:/\\?*“”<>|[\]]+/gu, 'x'));
    fc.assert(fc.property(clean, (t) => {
      expect(postTitle(t, false)).toBe(t);
    }), { numRuns: 2000 });
    expect(postTitle('美俄承认“严重分歧” 但强调对话', false)).toBe('美俄承认_严重分歧_ 但强调对话');
  });
});
