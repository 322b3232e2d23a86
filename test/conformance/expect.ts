/**
 * Translates feedparser's `Expect:` headers (Python expressions) into checks on Broadsheet's model.
 * Only `path == literal` clauses over fields Broadsheet has are translated; `bozo` clauses are
 * not checked (Broadsheet recovers silently); anything else makes the file untranslatable.
 */
import iconv from 'iconv-lite';
import { parseDocument } from 'htmlparser2';
import { isTag, type AnyNode } from 'domhandler';
import render from 'dom-serializer';
import type { ParsedFeed } from '../../src/feed/index.js';
import { sanitize } from '../../src/content/index.js';
import { htmlToText } from '../../src/feed/index.js';
import { decodeFeed } from '../../src/fetch/index.js';

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

/**
 * How a feedparser value translates to Broadsheet's model:
 * - `text`: Broadsheet titles are plain text, so the expected value is reduced to its text;
 * - `html`: Broadsheet publishes sanitized HTML with links resolved, so both sides are compared
 *   as parsed HTML (serialization details, an outer `<div>` and the added `referrerpolicy` aside);
 * - `author`: Broadsheet keeps the author's name, without the e-mail address;
 * - `encoding`: the document must decode to the same text as with the expected charset.
 */
type Kind = 'exact' | 'text' | 'html' | 'author' | 'encoding' | 'time';
type Getter = { kind: Kind; get: (feed: ParsedFeed, charset: string) => unknown };

/** The Broadsheet value a feedparser path stands for, or undefined when Broadsheet has no such field. */
export function getter(path: string[]): Getter | undefined {
  const key = path.join('.');
  const g = (kind: Kind, get: Getter['get']): Getter => ({ kind, get });
  if (key === 'encoding') return g('encoding', (_, charset) => charset);
  if (/^feed\.(title|title_detail\.value)$/.test(key)) return g('text', (f) => f.title);
  if (key === 'feed.link') return g('exact', (f) => f.link);
  const m = /^entries\.(\d+)\.(.+)$/.exec(key);
  if (!m) return undefined;
  const i = Number(m[1]);
  const field = m[2]!;
  const at = (f: ParsedFeed) => f.entries[i];
  const html = (f: ParsedFeed, v: string | null | undefined) => (v == null ? v : sanitize(v, at(f)!.baseUrl));
  const map: Record<string, Getter> = {
    title: g('text', (f) => at(f)?.title),
    'title_detail.value': g('text', (f) => at(f)?.title),
    link: g('exact', (f) => at(f)?.link),
    id: g('exact', (f) => at(f)?.guid),
    guid: g('exact', (f) => at(f)?.guid),
    'content.0.value': g('html', (f) => html(f, at(f)?.contentHtml)),
    summary: g('html', (f) => html(f, at(f)?.summary ?? at(f)?.contentHtml)),
    description: g('html', (f) => html(f, at(f)?.summary ?? at(f)?.contentHtml)),
    'summary_detail.value': g('html', (f) => html(f, at(f)?.summary ?? at(f)?.contentHtml)),
    author: g('author', (f) => at(f)?.author),
    'author_detail.name': g('exact', (f) => at(f)?.author),
    published_parsed: g('time', (f) => timeTuple(at(f)?.published ?? null)),
    issued_parsed: g('time', (f) => timeTuple(at(f)?.published ?? null)),
    // Broadsheet has one date with a fallback: the update time where the feed gives one, else the publication time.
    updated_parsed: g('time', (f) => timeTuple(at(f)?.updated ?? at(f)?.published ?? null)),
    modified_parsed: g('time', (f) => timeTuple(at(f)?.updated ?? at(f)?.published ?? null)),
    'enclosures.0.href': g('exact', (f) => at(f)?.enclosures[0]?.url),
    'media_thumbnail.0.url': g('exact', (f) => at(f)?.thumbnails[0]),
  };
  const tag = /^tags\.(\d+)\.term$/.exec(field);
  if (tag) return g('exact', (f) => at(f)?.categories[Number(tag[1])]);
  return map[field];
}

const safeDecodeUri = (u: string): string => {
  try {
    return decodeURI(u);
  } catch {
    return u;
  }
};

function canonicalHtml(html: string): string {
  const doc = parseDocument(html.trim(), { decodeEntities: true });
  let nodes: AnyNode[] = doc.children;
  const only = nodes.length === 1 ? nodes[0] : undefined;
  if (only && isTag(only) && only.name === 'div' && Object.keys(only.attribs).length <= 1) nodes = only.children;
  const strip = (ns: AnyNode[]): void => {
    for (const n of ns) {
      if (!isTag(n)) continue;
      delete n.attribs.referrerpolicy;
      delete n.attribs.xmlns;
      for (const a of ['href', 'src']) if (n.attribs[a]) n.attribs[a] = safeDecodeUri(n.attribs[a]!);
      strip(n.children);
    }
  };
  strip(nodes);
  return render(nodes, { encodeEntities: 'utf8' }).replace(/\s+/g, ' ').trim();
}

const CODEC: Record<string, string> = { 'us-ascii': 'windows-1252', gb2312: 'gb18030', 'euc-kr': 'cp949' };

function matches(kind: Kind, actual: unknown, expected: string | number[], bytes: Uint8Array): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.slice(0, 6).every((n, k) => n === (actual as number[])[k]);
  switch (kind) {
    case 'exact': return actual === expected;
    case 'text': return actual === (htmlToText(expected) || null);
    case 'author': return actual === expected.replace(/\s*\([^()]*@[^()]*\)$/, '');
    case 'html': return typeof actual === 'string' && canonicalHtml(actual) === canonicalHtml(expected);
    case 'encoding': {
      const codec = CODEC[expected.toLowerCase()] ?? expected.toLowerCase();
      if (!iconv.encodingExists(codec)) return false;
      const reference = decodeFeed(iconv.encode(iconv.decode(Buffer.from(bytes), codec), 'utf-8')).text;
      return actual === reference;
    }
    case 'time': return false;
  }
}

export function check(clauses: Clause[], feed: ParsedFeed, decoded: { text: string; charset: string }, bytes: Uint8Array): { translatable: boolean; failures: string[] } {
  const failures: string[] = [];
  for (const c of clauses) {
    const g = getter(c.path);
    if (!g) return { translatable: false, failures: [] };
    const actual = g.kind === 'encoding' ? decoded.text : g.get(feed, decoded.charset);
    const ok = matches(g.kind, actual, c.expected, bytes);
    if (!ok) failures.push(`${c.path.join('.')}: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(g.kind === 'encoding' ? decoded.charset : actual)}`);
  }
  return { translatable: true, failures };
}
