import { Parser } from 'htmlparser2';
import parseSrcset from 'parse-srcset';
import { collapseWhitespace, resolveUrl } from '../shared/index.js';
import { TEXT_BLOCKS, TEXT_SKIPPED } from '../feed/index.js';
import type { SafeHtml } from './types.js';
import { ALLOWED, CONTENT_DROPPED, DATA_IMAGE, EMPTY_KEPT, GLOBAL_ATTRIBUTES, IFRAME_HOSTS, LAZY_SOURCES, SCHEMES, SCHEMES_BY_TAG, SELF_CLOSING, URL_ATTRIBUTES } from './policy.js';
import { filterStyle } from './style.js';

/**
 * Broadsheet's own allowlist sanitizer: one pass of htmlparser2 over hostile feed HTML gives the safe
 * HTML, its plain text, the plain text of the input as written and the first picture. It replaced
 * sanitize-html, whose per-call set-up and extra passes were half of parsing a feed (see the README);
 * a differential test keeps its output equal to sanitize-html's under the same policy.
 */
export interface Sanitized {
  html: SafeHtml;
  /** The text a reader sees: blocks separated by spaces, white space collapsed. */
  text: string;
  /** The text of the input itself (what `htmlToText` gives for it), for excerpts taken from a summary. */
  inputText: string;
  /** The first http(s) `<img src>` that survived. */
  firstImage: string | null;
}

const TAGS = new Map(Object.entries(ALLOWED).map(([tag, attributes]) => [tag, new Set(attributes)]));
const GLOBAL = new Set(GLOBAL_ATTRIBUTES.filter((a) => !a.endsWith('*')));
const DROPPED = new Set(CONTENT_DROPPED);
const VOID = new Set(SELF_CLOSING);
const KEEP_EMPTY = new Set(EMPTY_KEPT);
const URLS = new Set(URL_ATTRIBUTES);
const RESOLVED = URL_ATTRIBUTES.filter((a) => a !== 'srcset');
const IFRAMES = new Set(IFRAME_HOSTS);
// Characters that may not appear in an attribute name (the HTML tokenizer's own list).
const VALID_NAME = /^[^\0\t\n\f\r /<=>]+$/;

const escapeText = (s: string): string => (/[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);
const escapeValue = (s: string): string => (/[&<>"]/.test(s) ? escapeText(s).replace(/"/g, '&quot;') : s);

/** Whether a URL's scheme is not allowed on this tag (browsers ignore control characters and comments in it). */
function forbiddenUrl(tag: string, url: string): boolean {
  let clean = url.replace(/[\x00-\x20]+/g, '');
  for (let open = clean.indexOf('<!--'); open >= 0; open = clean.indexOf('<!--')) {
    const close = clean.indexOf('-->', open + 4);
    if (close < 0) break;
    clean = clean.slice(0, open) + clean.slice(close + 3);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/.exec(clean)?.[1];
  if (!scheme) return /^[/\\]{2}/.test(clean);
  return !(SCHEMES_BY_TAG[tag] ?? SCHEMES).includes(scheme.toLowerCase());
}

const RELATIVE_BASE = `relative://relative-site/${Array.from({ length: 100 }, (_, i) => i).join('/')}`;

/** An iframe plays only a video host's page, given as an absolute URL. */
function allowedFrame(src: string): boolean {
  const value = src.replace(/^(\w+:)?\s*[\\/]\s*[\\/]/, '$1//');
  if (value.startsWith('relative:')) return false;
  try {
    const url = new URL(value, RELATIVE_BASE);
    return url.protocol !== 'relative:' && IFRAMES.has(url.hostname);
  } catch {
    return false;
  }
}

/** Each candidate of a srcset resolved, the ones with a forbidden scheme dropped; null when none is left. */
function safeSrcset(value: string, base: string | null, tag: string): string | null {
  const resolved = value.split(',').map((part) => {
    const [url = '', ...rest] = part.trim().split(/\s+/);
    return [resolveUrl(url, base), ...rest].join(' ');
  }).join(', ');
  if (forbiddenUrl(tag, resolved)) return null;
  try {
    const kept = parseSrcset(resolved).filter((c) => !forbiddenUrl('srcset', c.url));
    if (kept.length === 0 || kept.some((c) => !c.url)) return null;
    return kept.map((c) => c.url + (c.w ? ` ${c.w}w` : '') + (c.h ? ` ${c.h}h` : '') + (c.d ? ` ${c.d}x` : '')).join(', ');
  } catch {
    return null;
  }
}

function isPlaceholder(src: string | undefined): boolean {
  return !src || src.startsWith('data:') || /\b(blank|spacer|placeholder|loading|lazy)\b[^/]*\.(gif|png|svg)$/i.test(src);
}

/** An image's real source (lazy-loading pages keep it in `data-src`); a `data:` that is no picture goes. */
function imageSource(attribs: Record<string, string>): void {
  const lazy = LAZY_SOURCES.map((a) => attribs[a]).find((v) => v && !v.startsWith('data:'));
  const chosen = lazy && isPlaceholder(attribs.src) ? lazy : attribs.src;
  const src = chosen !== undefined && /^data:/i.test(chosen) && !DATA_IMAGE.test(chosen) ? undefined : chosen;
  if (src === undefined) delete attribs.src;
  else attribs.src = src;
  // Pictures load without telling their host which page shows them (and hot-link blocks do not bite).
  attribs.referrerpolicy = 'no-referrer';
}

/** No link hands the page to what it opens (reverse tabnabbing): `rel="opener"` goes. */
function withoutOpener(rel: string): string {
  return rel.split(/\s+/).filter((t) => t !== '' && t.toLowerCase() !== 'opener').join(' ');
}

/**
 * The allowed attributes of an allowed element, written out (` name="value"`…); `src` says whether
 * a `src` survived. Attributes keep their order, so sanitizing twice gives the same bytes.
 */
function attributes(tag: string, attribs: Record<string, string>, base: string | null, allowed: Set<string>): { written: string; src: string | null } {
  for (const name of RESOLVED) if (attribs[name] !== undefined) attribs[name] = resolveUrl(attribs[name]!, base);
  if (tag === 'img') {
    const resolved = attribs.src;
    imageSource(attribs);
    // A lazy source taken in place of the placeholder is resolved too.
    if (attribs.src !== undefined && attribs.src !== resolved) attribs.src = resolveUrl(attribs.src, base);
  }
  let written = '';
  let src: string | null = null;
  for (const name in attribs) {
    let value = attribs[name]!;
    if (!VALID_NAME.test(name) || !(allowed.has(name) || GLOBAL.has(name) || name.startsWith('data-'))) continue;
    if (name === 'style') value = filterStyle(value);
    else if (name === 'rel' && tag === 'a') value = withoutOpener(value);
    if (value === '' && name !== 'alt' && !KEEP_EMPTY.has(name) && !name.startsWith('data-')) continue;
    if (URLS.has(name) && forbiddenUrl(tag, value)) continue;
    if (tag === 'iframe' && name === 'src' && !allowedFrame(value)) continue;
    if (name === 'srcset') {
      const set = safeSrcset(value, base, tag);
      if (set === null) continue;
      value = set;
    }
    if (name === 'src') src = value;
    written += value !== '' ? ` ${name}="${escapeValue(value)}"` : name === 'alt' ? ' alt=""' : ` ${name}`;
  }
  return { written, src };
}

interface Frame {
  tag: string;
  /**
   * `written`: tags and content kept; `dropped`: not allowed, its tags go and its content stays
   * (unless it is CONTENT_DROPPED); `excluded`: an iframe left without a source, gone with its content.
   */
  fate: 'written' | 'dropped' | 'excluded';
  /** Where its opening tag starts in the output, how long the text was and whether a picture was found then. */
  at: number;
  textAt: number;
  hadImage: boolean;
}

/** Sanitize a fragment and read its text and first picture in the same pass. */
export function sanitizeAndScan(input: string, base: string | null): Sanitized {
  let html = '';
  let text = '';
  let inputText = '';
  let firstImage: string | null = null;
  let skippedInInput = 0;
  // Inside a kept element whose text is not the article's (a caption): how many deep.
  let skippedInOutput = 0;
  // Inside an element whose content is dropped: how many elements deep.
  let dropping = 0;
  const stack: Frame[] = [];
  const parser = new Parser(
    {
      // Named as soon as the name is read, as htmlToText counts it (a tag cut off at the end too).
      onopentagname(tag) {
        if (TEXT_SKIPPED.has(tag)) skippedInInput++;
        else if (TEXT_BLOCKS.has(tag)) inputText += ' ';
      },
      onopentag(tag, attribs) {
        if (dropping > 0) {
          dropping++;
          return;
        }
        const frame: Frame = { tag, fate: 'written', at: html.length, textAt: text.length, hadImage: firstImage !== null };
        stack.push(frame);
        const allowed = TAGS.get(tag);
        if (!allowed) {
          frame.fate = 'dropped';
          if (DROPPED.has(tag)) dropping = 1;
          return;
        }
        const { written, src } = attributes(tag, attribs, base, allowed);
        html += `<${tag}${written}${VOID.has(tag) ? ' />' : '>'}`;
        if (TEXT_SKIPPED.has(tag)) skippedInOutput++;
        if (TEXT_BLOCKS.has(tag)) text += ' ';
        if (tag === 'img' && firstImage === null && src !== null && /^https?:/i.test(src)) firstImage = src;
        if (tag === 'iframe' && src === null) frame.fate = 'excluded';
      },
      ontext(chunk) {
        if (skippedInInput === 0) inputText += chunk;
        if (dropping > 0) return;
        html += escapeText(chunk);
        if (skippedInOutput === 0) text += chunk;
      },
      onclosetag(tag) {
        if (TEXT_SKIPPED.has(tag)) skippedInInput = Math.max(0, skippedInInput - 1);
        else if (TEXT_BLOCKS.has(tag)) inputText += ' ';
        if (dropping > 0 && --dropping > 0) return;
        const frame = stack.at(-1);
        // A close that matches no open element (bad markup) writes nothing.
        if (!frame || frame.tag !== tag) return;
        stack.pop();
        if (frame.fate === 'excluded') {
          html = html.slice(0, frame.at);
          text = text.slice(0, frame.textAt);
          if (!frame.hadImage) firstImage = null;
          return;
        }
        if (frame.fate === 'dropped' || VOID.has(tag)) return;
        html += `</${tag}>`;
        if (TEXT_SKIPPED.has(tag)) skippedInOutput--;
        if (TEXT_BLOCKS.has(tag)) text += ' ';
      },
    },
    { decodeEntities: true },
  );
  parser.end(input);
  // Blocks and skipped elements as htmlToText has them, so the texts are the ones it would give.
  return { html: html.trim() as SafeHtml, text: collapseWhitespace(text), inputText: collapseWhitespace(inputText), firstImage };
}

/** The only producer of SafeHtml. Relative URLs are resolved against `baseUrl` (left as they are without one). */
export const sanitize = (html: string, baseUrl: string | null): SafeHtml => sanitizeAndScan(html, baseUrl).html;

/** Sanitized, with the white space around the HTML kept as written (imported posts re-emit byte for byte). */
export function sanitizeKeepingEdges(html: string, baseUrl: string | null): SafeHtml {
  const lead = /^\s*/.exec(html)![0];
  const trail = html.length > lead.length ? /\s*$/.exec(html)![0] : '';
  return (lead + sanitize(html, baseUrl) + trail) as SafeHtml;
}
