export type DetectedFormat = 'rss' | 'rdf' | 'atom' | 'json' | 'html' | 'empty' | 'unknown';

/**
 * Where the prolog ends: XML declaration, processing instructions, comments, doctype (with an
 * internal subset). A scanner, linear in the input: the regular expression it replaces backtracked
 * for hours on `<!DOCTYPE rss [a][a]…` without a closing `>`.
 */
function prologEnd(s: string): number {
  let i = 0;
  for (;;) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
    const close = s.startsWith('<?', i) ? '?>' : s.startsWith('<!--', i) ? '-->' : null;
    if (close) {
      const j = s.indexOf(close, i + 2);
      if (j < 0) return i;
      i = j + close.length;
      continue;
    }
    if (s.slice(i, i + 9).toUpperCase() !== '<!DOCTYPE') return i;
    let j = i + 9;
    for (let subset = false; j < s.length; j++) {
      if (s[j] === '[') subset = true;
      else if (s[j] === ']') subset = false;
      else if (s[j] === '>' && !subset) break;
    }
    if (j >= s.length) return i;
    i = j + 1;
  }
}

/** Format from the first element (or `{` for JSON), looking at the start of the document only. */
export function detectFormat(text: string): DetectedFormat {
  const head = text.slice(0, 64 * 1024).replace(/^\uFEFF/, '');
  if (head.trim() === '') return 'empty';
  if (/^\s*[{[]/.test(head)) return 'json';
  const rest = head.slice(prologEnd(head));
  const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest);
  if (!m) return 'unknown';
  const local = m[2]!.toLowerCase();
  if (local === 'rss') return 'rss';
  if (local === 'rdf') return 'rdf';
  if (local === 'feed') return 'atom';
  if (local === 'html') return 'html';
  return 'unknown';
}
