/** What XML 1.0 forbids: C0 controls but tab, LF and CR; U+FFFE and U+FFFF; lone surrogates. One control makes a whole feed unreadable. */
export const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Controls that reorder how text displays (U+202A–U+202E, U+2066–U+2069): in a title or a file name they spoof. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Text every output can carry: what XML 1.0 forbids removed. Most text has none of it, and asking
 * that with one character class and `isWellFormed` is several times quicker than the full pattern.
 */
export const xmlText = (s: string): string => (!FORBIDDEN_CHARACTER.test(s) && s.isWellFormed() ? s : s.replace(XML_FORBIDDEN, ''));
/** A title, an author or a name: XML-safe, and without bidi controls. */
export const plainName = (s: string): string => xmlText(s).replace(BIDI_CONTROLS, '');

/** Collapse runs of white space to one space and trim. */
export const collapseWhitespace = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** Cut plain text to at most `max` code points at a word boundary where one is near, adding an ellipsis. */
export function truncateText(text: string, max: number): string {
  // UTF-16 units never number fewer than code points; otherwise walk only as far as the cut.
  if (text.length <= max) return text;
  let end = 0;
  for (let points = 0; points < max; points++) {
    if (end >= text.length) return text;
    end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  }
  if (end >= text.length) return text;
  let cut = text.slice(0, end);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return cut.trimEnd() + '…';
}

export function firstNonBlank(...values: (string | null | undefined)[]): string | null {
  for (const v of values) if (v != null && v.trim() !== '') return v;
  return null;
}
