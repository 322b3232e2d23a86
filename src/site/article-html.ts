import type { SafeHtml } from '../content/index.js';
import { bracketsEncoded } from '../shared/index.js';

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g;
const ATTRIBUTE = /\s([a-zA-Z_:][-\w:.]*)(?:="([^"]*)")?/g;
/** What an `<a>` without `href` may keep: the rest (`target`, `rel`) needs a link. */
const PLACEHOLDER_A = new Set(['id', 'name', 'class', 'title', 'lang', 'dir', 'style']);
/** Sizes the HTML spec wants as plain digits (`width="600px"` is invalid). */
const SIZES = new Set(['width', 'height']);
const BOOLEAN = new Set(['allowfullscreen', 'controls', 'muted', 'loop', 'playsinline', 'default', 'open', 'reversed']);

/** Elements with no end tag: one written by an older sanitizer (`</source>`) is dropped. */
const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * An item's sanitized HTML as the site shows it. Safety: ids and names prefixed `u-` (in-page links
 * with them), so nothing a feed wrote can stand for an element of the page (DOM clobbering), and
 * `data-*` attributes dropped (the page's script reads its own). Validity (the Nu Html Checker finds
 * nothing): images get `alt=""` when they have none, boolean attributes no value, sizes digits only,
 * an `<a>` without `href` nothing that needs one, URLs no bare brackets, and headings follow the
 * page's `<h1>` without skipping a level. The posts keep the HTML as stored: the reference format is
 * the original's bytes.
 */
export function articleHtml(html: SafeHtml): string {
  // The heading level last written (the page's title is the h1), and the level each source level became.
  let previous = 1;
  // The levels of the headings open now, innermost last (headings do not nest, but bad markup may).
  const closing: number[] = [];
  // Sanitized HTML quotes every attribute and escapes `<`, `>` and `"` inside values: a tag ends at the first `>`.
  return html.replace(TAG, (_tag, close: string, rawName: string, rest: string) => {
    const name = rawName.toLowerCase();
    const heading = /^h[1-6]$/.test(name);
    if (close) {
      if (VOID.has(name)) return '';
      if (!heading) return `</${name}>`;
      return `</h${closing.pop() ?? 2}>`;
    }
    let attributes = '';
    let hasHref = false;
    let hasAlt = false;
    const selfClosing = /\/\s*$/.test(rest);
    for (const m of rest.replace(/\/\s*$/, '').matchAll(ATTRIBUTE)) {
      const attr = m[1]!.toLowerCase();
      const value = m[2];
      if (attr.startsWith('data-')) continue;
      if (attr === 'href') hasHref = true;
      if (attr === 'alt') hasAlt = true;
      if (value === undefined || BOOLEAN.has(attr)) attributes += ` ${attr}`;
      else if (attr === 'id' || attr === 'name') attributes += ` ${attr}="u-${value}"`;
      else if (attr === 'href' && value.startsWith('#') && value.length > 1) attributes += ` href="#u-${value.slice(1)}"`;
      else if (attr === 'href' || attr === 'src' || attr === 'cite' || attr === 'poster') attributes += ` ${attr}="${bracketsEncoded(value)}"`;
      else if (SIZES.has(attr)) {
        const digits = /^\s*(\d+)(px)?\s*$/.exec(value)?.[1];
        if (digits) attributes += ` ${attr}="${digits}"`;
      } else attributes += ` ${attr}="${value}"`;
    }
    if (name === 'a' && !hasHref) {
      attributes = [...attributes.matchAll(ATTRIBUTE)].filter((m) => PLACEHOLDER_A.has(m[1]!)).map((m) => m[0]).join('');
    }
    if (name === 'img' && !hasAlt) attributes += ' alt=""';
    if (heading) {
      // Never deeper than one below the heading before it, never as high as the page's own h1.
      const level = Math.max(2, Math.min(previous + 1, Number(name[1])));
      previous = level;
      closing.push(level);
      return `<h${level}${attributes}>`;
    }
    return `<${name}${attributes}${selfClosing ? ' /' : ''}>`;
  });
}
