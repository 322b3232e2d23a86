import { Parser } from 'htmlparser2';
import { decodeHTML } from 'entities';
import { collapseWhitespace } from '../shared/index.js';

// HTML to text: the feed stage meets HTML first (titles, summaries); content and the site read it through feed's door.

/** Elements whose text is not the article's own (an image's caption is not its opening), and elements that separate words (a space each side). */
export const TEXT_SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'figcaption']);
export const TEXT_BLOCKS = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'figcaption', 'section', 'article', 'pre', 'table', 'ul', 'ol', 'hr']);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Closed by the next of their kind or their parent's end, so they never pile up.
const SELF_ENDING = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'rb', 'rt', 'rp', 'tbody', 'thead', 'tfoot', 'colgroup', 'caption']);
const NAME_END = /[\s/>]/;

/** How deep HTML may nest before a parser is not run on it (htmlparser2 spends time per tag in proportion to depth). */
export const MAX_HTML_DEPTH = 1000;

/** Whether HTML nests elements deeper than `limit`, estimated in one linear pass over its tags. */
export function nestsDeeperThan(html: string, limit: number = MAX_HTML_DEPTH): boolean {
  let depth = 0;
  // The next `>`, found once per stretch: positions only grow, so the pass stays linear.
  let close = -1;
  for (let at = html.indexOf('<'); at >= 0 && at < html.length - 1; at = html.indexOf('<', at + 1)) {
    const next = html[at + 1]!;
    if (next === '/') depth = Math.max(0, depth - 1);
    else if (/[a-zA-Z]/.test(next)) {
      let end = at + 2;
      while (end < html.length && !NAME_END.test(html[end]!)) end++;
      if (close < end) close = html.indexOf('>', end);
      if (close < 0) return false;
      const name = html.slice(at + 1, end).toLowerCase();
      if (VOID.has(name) || SELF_ENDING.has(name) || html[close - 1] === '/') continue;
      if (++depth > limit) return true;
    }
  }
  return false;
}

/** The text between tags, in one pass (a tag that never ends is text). */
function stripTags(html: string): string {
  let out = '';
  let at = 0;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', at)) {
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    out += `${html.slice(at, lt)} `;
    at = gt + 1;
  }
  return out + html.slice(at);
}

/** A parser that gathers an HTML fragment's text (blocks separated by spaces, scripts and styles dropped) and its first http(s) `<img src>`. */
function textReader(): { parser: Parser; text: () => string; firstImage: () => string | null } {
  let out = '';
  let skipping = 0;
  let firstImage: string | null = null;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (TEXT_SKIPPED.has(name)) skipping++;
        else if (TEXT_BLOCKS.has(name)) out += ' ';
      },
      onopentag(name, attribs) {
        if (firstImage === null && name === 'img' && attribs.src && /^https?:/i.test(attribs.src)) firstImage = attribs.src;
      },
      onclosetag(name) {
        if (TEXT_SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (TEXT_BLOCKS.has(name)) out += ' ';
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
    },
    { decodeEntities: true },
  );
  return { parser, text: () => out, firstImage: () => firstImage };
}

/** The text of HTML too deep for the parser: the text between tags. */
const shallowText = (html: string): string => collapseWhitespace(decodeHTML(stripTags(html)));

/**
 * One pass over an HTML fragment: its plain text (entities decoded, scripts and styles dropped,
 * blocks separated by spaces) and the first http(s) `<img src>`.
 */
export function scanHtml(html: string): { text: string; firstImage: string | null } {
  // Too deep for the parser: the text between tags, no image.
  if (nestsDeeperThan(html)) return { text: shallowText(html), firstImage: null };
  const r = textReader();
  r.parser.end(html);
  return { text: collapseWhitespace(r.text()), firstImage: r.firstImage() };
}

// The first step reads about one paragraph; each next step twice the last.
const FIRST_READ = 256;

/**
 * Whether `htmlToText(html)` is shorter than `n` characters, reading no further than it must: the text of
 * the start of a fragment is never longer than the whole's, so once the start's reaches `n` the answer is no.
 */
export function textShorterThan(html: string, n: number): boolean {
  if (nestsDeeperThan(html)) return shallowText(html).length < n;
  const r = textReader();
  for (let at = 0, step = FIRST_READ; at < html.length; at += step, step *= 2) {
    r.parser.write(html.slice(at, at + step));
    // Collapsing never lengthens the text: only a long enough text is collapsed to be counted.
    if (r.text().length >= n && collapseWhitespace(r.text()).length >= n) return false;
  }
  r.parser.end();
  return collapseWhitespace(r.text()).length < n;
}

export const htmlToText = (html: string): string => scanHtml(html).text;

