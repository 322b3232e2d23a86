import { Parser } from 'htmlparser2';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);
const BLOCK = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'figcaption', 'section', 'article', 'pre', 'table', 'ul', 'ol', 'hr']);

/** Collapse runs of white space to one space and trim. */
export const collapseWhitespace = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/**
 * One pass over an HTML fragment: its plain text (entities decoded, scripts and styles dropped,
 * blocks separated by spaces) and the first http(s) `<img src>`.
 */
export function scanHtml(html: string): { text: string; firstImage: string | null } {
  let out = '';
  let skipping = 0;
  let firstImage: string | null = null;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) out += ' ';
      },
      onopentag(name, attribs) {
        if (firstImage === null && name === 'img' && attribs.src && /^https?:/i.test(attribs.src)) firstImage = attribs.src;
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) out += ' ';
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { text: collapseWhitespace(out), firstImage };
}

export const htmlToText = (html: string): string => scanHtml(html).text;

/** Cut plain text to at most `max` code points at a word boundary where one is near, adding an ellipsis. */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return cut.trimEnd() + '…';
}

export function firstNonBlank(...values: (string | null | undefined)[]): string | null {
  for (const v of values) if (v != null && v.trim() !== '') return v;
  return null;
}
