import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText, MAX_HTML_DEPTH, textShorterThan } from './html-text.js';

// Pieces of feed HTML: blocks, skipped elements, entities, white space, CJK text and surrogate pairs,
// so documents cross the reader's steps (256, 512, 1,024 … characters) inside tags, entities and pairs.
const piece = fc.constantFrom(
  '<p>', '</p>', '<div class="a">', '</div>', '<br>', '<img src="https://e.com/a.png" alt="图">', '<script>var x = "<p>";</script>',
  '<style>p { color: red }</style>', '<figcaption>图注</figcaption>', '&amp;', '&nbsp;', '&ldquo;', '&#x1F600;', '   ', '\n\t',
  '美国与俄罗斯的高级外交官举行了会谈', 'word ', '𠮷𠮷', '<a href="/x">链接</a>', '<!-- 注释 -->', '<span>', '</span>',
);
const html = fc.array(piece, { maxLength: 400 }).map((parts) => parts.join(''));

describe('textShorterThan', () => {
  it('says what htmlToText(html).length < n says, for any fragment and any n', () => {
    fc.assert(
      fc.property(html, fc.integer({ min: 0, max: 600 }), (h, n) => textShorterThan(h, n) === htmlToText(h).length < n),
      { numRuns: 2000 },
    );
  });

  it('answers at the edge: a text of exactly n characters is not shorter than n', () => {
    const h = `<p>${'字'.repeat(139)}</p>   <p>x</p>`;
    expect(htmlToText(h).length).toBe(141);
    expect(textShorterThan(h, 141)).toBe(false);
    expect(textShorterThan(h, 142)).toBe(true);
    const long = `<p>${'<b></b>'.repeat(400)}${'字'.repeat(10)}</p>`;
    expect(textShorterThan(long, 11)).toBe(true);
    expect(textShorterThan(long, 10)).toBe(false);
  });

  it('reads HTML too deep for the parser as htmlToText does', () => {
    const deep = `${'<div>'.repeat(MAX_HTML_DEPTH + 5)}深${'&amp;'.repeat(3)}${'</div>'.repeat(MAX_HTML_DEPTH + 5)}`;
    expect(htmlToText(deep)).toBe('深&&&');
    expect(textShorterThan(deep, 5)).toBe(true);
    expect(textShorterThan(deep, 4)).toBe(false);
  });
});
