import type { SafeHtml } from '../content/index.js';

const TAG = /<[a-zA-Z][^>]*>/g;
const ATTRIBUTE = /\s(id|name|href|data-[\w-]+)="([^"]*)"/g;

/**
 * An item's sanitized HTML as the site shows it: ids and names prefixed `u-` (in-page links with
 * them), so nothing a feed wrote can stand for an element of the page (DOM clobbering), and `data-*`
 * attributes dropped (the page's script reads its own). The posts keep the HTML as stored: the
 * reference format is the original's bytes.
 */
export function articleHtml(html: SafeHtml): string {
  // Sanitized HTML quotes every attribute and escapes `<`, `>` and `"` inside values: a tag ends at the first `>`.
  return html.replace(TAG, (tag) =>
    tag.replace(ATTRIBUTE, (whole, name: string, value: string) => {
      if (name.startsWith('data-')) return '';
      if (name === 'href') return value.startsWith('#') && value.length > 1 ? ` href="#u-${value.slice(1)}"` : whole;
      return ` ${name}="u-${value}"`;
    }),
  );
}
