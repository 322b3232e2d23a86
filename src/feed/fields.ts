import { collapseWhitespace, htmlToText, parseFeedDate, resolveUrl } from '../shared/index.js';
import type { Enclosure } from './types.js';

const LOOKS_LIKE_MARKUP = /<\/?[a-z][\w:-]*(\s[^>]*)?\/?>|&[a-z]+;|&#\d+;/i;

/** Titles are plain text; markup (or still-escaped entities) inside them is reduced to its text. */
export function plainTitle(raw: string | null): string | null {
  if (raw == null) return null;
  const t = LOOKS_LIKE_MARKUP.test(raw) ? htmlToText(raw) : collapseWhitespace(raw);
  return t === '' ? null : t;
}

/** `me@example.com (Me Myself)` → `Me Myself`; `Me (me@example.com)` and `Me <me@example.com>` → `Me`; anything else as given. */
export function authorName(raw: string | null): string | null {
  if (raw == null) return null;
  const t = collapseWhitespace(raw);
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(t);
  if (paren) return paren[1]!.trim();
  const trailingEmail = /^(.+?)\s*\(\S+@\S+\)$/.exec(t);
  if (trailingEmail) return trailingEmail[1]!.trim();
  const angle = /^(.+?)\s*<\S+@\S+>$/.exec(t);
  if (angle) return angle[1]!.trim();
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
