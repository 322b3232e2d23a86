/**
 * Translates feedparser's `Expect:` headers (Python expressions) into checks on Broadsheet's model.
 * Only `path == literal` clauses over fields Broadsheet has are translated; `bozo` clauses are
 * not checked (Broadsheet recovers silently); anything else makes the file untranslatable.
 */
import type { ParsedFeed } from '../../src/feed/index.js';

export type Clause = { path: string[]; expected: string | number[] };

function splitTopLevel(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      cur += c;
      if (c === '\\') cur += expr[++i] ?? '';
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (depth === 0 && expr.startsWith(' and ', i)) {
      parts.push(cur);
      cur = '';
      i += 4;
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}

function pythonString(lit: string): string | null {
  const m = /^[uU]?([rR]?)(['"])([\s\S]*)\2$/.exec(lit.trim());
  if (!m) return null;
  if (m[1]) return m[3]!;
  return m[3]!.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[nrt'"\\])/g, (_, e: string) => {
    if (e[0] === 'u' || e[0] === 'U' || e[0] === 'x') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return { n: '\n', r: '\r', t: '\t', "'": "'", '"': '"', '\\': '\\' }[e] ?? e;
  });
}

export function parseExpect(expr: string): Clause[] | null {
  const clauses: Clause[] = [];
  for (const part of splitTopLevel(expr)) {
    if (/^(not )?bozo$/.test(part)) continue;
    const m = /^((?:feed|entries\[\d+\])(?:\[(?:'[^']*'|\d+)\])*|encoding)\s*==\s*(.+)$/.exec(part);
    if (!m) return null;
    const path = [...m[1]!.matchAll(/^(\w+)|\[(?:'([^']*)'|(\d+))\]/g)].map((x) => x[1] ?? x[2] ?? x[3]!);
    const rhs = m[2]!.trim();
    const tuple = /^\(([\d,\s]+)\)$/.exec(rhs);
    if (tuple) clauses.push({ path, expected: tuple[1]!.split(',').map((n) => Number(n.trim())) });
    else {
      const s = pythonString(rhs);
      if (s === null) return null;
      clauses.push({ path, expected: s });
    }
  }
  return clauses.length ? clauses : null;
}

const timeTuple = (d: Date | null): number[] | null =>
  d ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()] : null;

type Getter = (feed: ParsedFeed, charset: string) => unknown;

/** The Broadsheet value a feedparser path stands for, or undefined when Broadsheet has no such field. */
export function getter(path: string[]): Getter | undefined {
  const key = path.join('.');
  if (key === 'encoding') return (_, charset) => charset;
  if (/^feed\.(title|title_detail\.value)$/.test(key)) return (f) => f.title;
  if (key === 'feed.link') return (f) => f.link;
  const m = /^entries\.(\d+)\.(.+)$/.exec(key);
  if (!m) return undefined;
  const i = Number(m[1]);
  const field = m[2]!;
  const at = (f: ParsedFeed) => f.entries[i];
  const map: Record<string, Getter> = {
    title: (f) => at(f)?.title,
    'title_detail.value': (f) => at(f)?.title,
    link: (f) => at(f)?.link,
    id: (f) => at(f)?.guid,
    guid: (f) => at(f)?.guid,
    'content.0.value': (f) => at(f)?.contentHtml,
    summary: (f) => at(f)?.summary ?? at(f)?.contentHtml,
    description: (f) => at(f)?.summary ?? at(f)?.contentHtml,
    'summary_detail.value': (f) => at(f)?.summary ?? at(f)?.contentHtml,
    author: (f) => at(f)?.author,
    'author_detail.name': (f) => at(f)?.author,
    published_parsed: (f) => timeTuple(at(f)?.published ?? null),
    issued_parsed: (f) => timeTuple(at(f)?.published ?? null),
    updated_parsed: (f) => timeTuple(at(f)?.updated ?? null),
    modified_parsed: (f) => timeTuple(at(f)?.updated ?? null),
    'enclosures.0.href': (f) => at(f)?.enclosures[0]?.url,
    'media_thumbnail.0.url': (f) => at(f)?.thumbnails[0],
  };
  const tag = /^tags\.(\d+)\.term$/.exec(field);
  if (tag) return (f) => at(f)?.categories[Number(tag[1])];
  return map[field];
}

export function check(clauses: Clause[], feed: ParsedFeed, charset: string): { translatable: boolean; failures: string[] } {
  const failures: string[] = [];
  for (const c of clauses) {
    const g = getter(c.path);
    if (!g) return { translatable: false, failures: [] };
    const actual = g(feed, charset);
    const expected = c.expected;
    const ok = Array.isArray(expected)
      ? Array.isArray(actual) && expected.slice(0, 6).every((n, k) => n === (actual as number[])[k])
      : c.path[0] === 'encoding'
        ? typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase()
        : actual === expected;
    if (!ok) failures.push(`${c.path.join('.')}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  return { translatable: true, failures };
}
