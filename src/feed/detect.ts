export type DetectedFormat = 'rss' | 'rdf' | 'atom' | 'json' | 'html' | 'empty' | 'unknown';

// Skip the prolog: XML declaration, processing instructions, comments, doctype (with an internal subset).
const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i;

/** Format from the first element (or `{` for JSON), looking at the start of the document only. */
export function detectFormat(text: string): DetectedFormat {
  const head = text.slice(0, 64 * 1024).replace(/^\uFEFF/, '');
  if (head.trim() === '') return 'empty';
  if (/^\s*[{[]/.test(head)) return 'json';
  const rest = head.slice(PROLOG.exec(head)?.[0].length ?? 0);
  const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest);
  if (!m) return 'unknown';
  const local = m[2]!.toLowerCase();
  if (local === 'rss') return 'rss';
  if (local === 'rdf') return 'rdf';
  if (local === 'feed') return 'atom';
  if (local === 'html') return 'html';
  return 'unknown';
}
