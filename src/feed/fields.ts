import { collapseWhitespace, resolveUrl } from '../shared/index.js';
import { htmlToText } from './html-text.js';
import { parseFeedDate } from './date.js';
import type { Enclosure } from './types.js';

const ENTITY = /&[a-z]+;|&#\d+;/i;
const TAG_START = /<\/?[a-z]/gi;

/** A tag opening before the last `>`, or an entity: one pass (the regular expression it replaces was quadratic on long titles). */
function looksLikeMarkup(raw: string): boolean {
  if (ENTITY.test(raw)) return true;
  const lastClose = raw.lastIndexOf('>');
  if (lastClose < 0) return false;
  TAG_START.lastIndex = 0;
  const open = TAG_START.exec(raw);
  return open !== null && open.index < lastClose;
}

/** Titles are plain text; markup (or still-escaped entities) inside them is reduced to its text. */
export function plainTitle(raw: string | null): string | null {
  if (raw == null) return null;
  const t = looksLikeMarkup(raw) ? htmlToText(raw) : collapseWhitespace(raw);
  return t === '' ? null : t;
}

/** `me@example.com (Me Myself)` → `Me Myself`; `Me (me@example.com)` and `Me <me@example.com>` → `Me`; anything else as given. */
/** `a@b` with no white space: an address, as feeds write them next to names. */
const isAddress = (s: string): boolean => s.includes('@') && !/\s/.test(s);

/**
 * `email (Name)`, `Name (email)` or `Name <email>` → Name. Found with indexOf, not regular
 * expressions: `(a@a` repeated made those backtrack for minutes.
 */
export function authorName(raw: string | null): string | null {
  if (raw == null) return null;
  const t = collapseWhitespace(raw);
  if (t.endsWith(')')) {
    const first = t.indexOf('(');
    if (first > 0 && isAddress(t.slice(0, first).trim()) && t.slice(first + 1, -1).trim()) return t.slice(first + 1, -1).trim();
    const last = t.lastIndexOf('(');
    if (last > 0 && isAddress(t.slice(last + 1, -1)) && t.slice(0, last).trim()) return t.slice(0, last).trim();
  }
  if (t.endsWith('>')) {
    const last = t.lastIndexOf('<');
    if (last > 0 && isAddress(t.slice(last + 1, -1)) && t.slice(0, last).trim()) return t.slice(0, last).trim();
  }
  return t === '' ? null : t;
}

export function dated(text: string | null): { text: string | null; date: Date | null } {
  return { text, date: parseFeedDate(text) };
}

export function enclosure(url: string | undefined, type: string | undefined, length: string | undefined, base: string): Enclosure | null {
  if (!url || url.trim() === '') return null;
  const n = length !== undefined && /^\d+$/.test(length.trim()) ? Number(length) : null;
  return { url: resolveUrl(url, base), type: type?.trim() || null, length: n };
}

export const isImageType = (type: string | null | undefined): boolean => !!type && /^image\//i.test(type);

export const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
