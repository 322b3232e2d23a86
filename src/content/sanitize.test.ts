import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XSS_VECTORS } from '../../test/fixtures/xss-vectors.js';
import { sanitize } from './sanitize.js';

const BASE = 'https://news.example.com/articles/1.html';
const DANGER = /<(script|style|iframe[^>]*srcdoc|object|embed|form|meta|base|svg|math)\b|\son\w+\s*=|javascript:|expression\(|data:text/i;

describe('sanitize', () => {
  it.each(XSS_VECTORS)('leaves nothing executable of $name', ({ html }) => {
    expect(sanitize(html, BASE)).not.toMatch(DANGER);
  });

  it('keeps benign markup: classes, ids, data-*, harmless inline style, figures', () => {
    const html = '<figure id="f1" style="width:770px" class="wp-caption"><img class="a" src="https://x.test/a.jpg" data-recalc-dims="1">(cap)</figure><p><span style="font-size:22px">”</span></p>';
    expect(sanitize(html, BASE)).toBe('<figure id="f1" style="width:770px" class="wp-caption"><img class="a" src="https://x.test/a.jpg" data-recalc-dims="1" referrerpolicy="no-referrer" />(cap)</figure><p><span style="font-size:22px">”</span></p>');
  });

  it.each([
    { name: 'data:text/html as an image', html: '<img src="data:text/html;base64,PHNjcmlwdD4=">', expected: '<img referrerpolicy="no-referrer" />' },
    { name: 'data:image/svg+xml as an image', html: '<img src="data:image/svg+xml,<svg onload=alert(1)>">', expected: '<img referrerpolicy="no-referrer" />' },
    { name: 'rel="opener" (reverse tabnabbing)', html: '<a href="https://x.test/" target="_blank" rel="opener">x</a>', expected: '<a href="https://x.test/" target="_blank">x</a>' },
    { name: 'rel="opener" without a target', html: '<a href="https://x.test/" rel="opener nofollow">x</a>', expected: '<a href="https://x.test/" rel="nofollow">x</a>' },
    { name: 'a huge fixed overlay', html: '<div style="position:fixed;top:0;width:99999px;height:99999px;background:red">o</div>', expected: '<div style="background:red">o</div>' },
    { name: 'negative margins pulling content over the page', html: '<p style="margin-top:-500px;color:red">m</p>', expected: '<p style="color:red">m</p>' },
    { name: 'nothing of a colour whose digits are large', html: '<p style="color:#333333; margin-left:0; width:100%">c</p>', expected: '<p style="color:#333333; margin-left:0; width:100%">c</p>' },
  ])('neutralises $name (issue 13 #7)', ({ html, expected }) => {
    expect(sanitize(html, BASE)).toBe(expected);
  });

  it('makes relative URLs absolute against the item’s base', () => {
    expect(sanitize('<a href="../b.html">b</a><img src="/i.png" srcset="s.png 1x, /l.png 2x">', BASE)).toBe(
      '<a href="https://news.example.com/b.html">b</a><img src="https://news.example.com/i.png" srcset="https://news.example.com/articles/s.png 1x, https://news.example.com/l.png 2x" referrerpolicy="no-referrer" />',
    );
  });

  it('turns lazy-loading data-src and data-original into src', () => {
    expect(sanitize('<img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg">', BASE)).toContain('src="https://news.example.com/real.jpg"');
    expect(sanitize('<img data-original="https://cdn.test/o.jpg">', BASE)).toContain('src="https://cdn.test/o.jpg"');
  });

  it('keeps iframes of allowed video hosts only', () => {
    expect(sanitize('<iframe src="https://player.bilibili.com/player.html?aid=1"></iframe>', BASE)).toContain('<iframe src="https://player.bilibili.com/player.html?aid=1"');
    expect(sanitize('<iframe src="https://evil.test/x"></iframe><p>k</p>', BASE)).toBe('<p>k</p>');
  });

  it('keeps data: URLs for images only', () => {
    expect(sanitize('<img src="data:image/png;base64,iVBOR">', BASE)).toContain('src="data:image/png;base64,iVBOR"');
    expect(sanitize('<a href="data:image/png;base64,iVBOR">x</a>', BASE)).toBe('<a>x</a>');
  });

  it('is idempotent and never emits handlers or javascript: for any input', () => {
    const piece = fc.constantFrom('<', '>', '"', "'", '=', ' ', '/', 'img', 'src', 'onerror', 'javascript:', 'script', 'a', 'href', 'svg', 'style', '&#', 'x', '<!--', '-->');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), fc.constantFrom(...XSS_VECTORS.map((v) => v.html))), (html) => {
        const once = sanitize(html, BASE);
        expect(sanitize(once, BASE)).toBe(once);
        expect(once).not.toMatch(/<[^>]*\son\w+\s*=|<[^>]*=\s*["']?\s*javascript:|<script/i);
      }),
      { numRuns: 3000 },
    );
  });
});
