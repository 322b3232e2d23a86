import { Parser } from 'htmlparser2';
import { decodeHTMLStrict } from 'entities';
import { resolveUrl } from '../shared/index.js';

/**
 * A forgiving XML reader for feeds: htmlparser2 in XML mode (recovers from unclosed tags, stray `&`,
 * truncation), HTML named entities decoded (feeds use `&nbsp;` without a DTD), and names resolved
 * through their namespace URI to one canonical prefix, so `<a:title xmlns:a="…Atom">` reads as `atom:title`.
 */
export interface XEl {
  /** Canonical name: `prefix:local` for known namespaces, bare local name for none (RSS), lower case. */
  key: string;
  attrs: Record<string, string>;
  children: XEl[];
  /** Direct text: entities decoded, CDATA kept as written. */
  text: string;
  /** Effective xml:base. */
  base: string;
  innerStart: number;
  innerEnd: number;
}

export interface XDoc {
  root: XEl | null;
  source: string;
}

const NAMESPACES: Array<[RegExp, string]> = [
  [/^http:\/\/www\.w3\.org\/2005\/atom$/i, 'atom'],
  [/^http:\/\/purl\.org\/atom\/ns#/i, 'atom'],
  [/^http:\/\/purl\.org\/rss\/1\.0\/?$/i, ''],
  [/^http:\/\/my\.netscape\.com\/rdf\/simple\/0\.9\/?$/i, ''],
  [/^http:\/\/backend\.userland\.com\/rss2?$/i, ''],
  [/^http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#$/i, 'rdf'],
  [/^http:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/i, 'content'],
  [/^http:\/\/purl\.org\/dc\/elements\/1\.1\/?$/i, 'dc'],
  [/^http:\/\/purl\.org\/dc\/terms\/?$/i, 'dcterms'],
  [/^https?:\/\/search\.yahoo\.com\/mrss\/?$/i, 'media'],
  [/^http:\/\/www\.itunes\.com\/dtds\/podcast-1\.0\.dtd$/i, 'itunes'],
  [/^http:\/\/www\.w3\.org\/1999\/xhtml$/i, 'xhtml'],
  [/^http:\/\/www\.w3\.org\/XML\/1998\/namespace$/i, 'xml'],
];

function canonicalPrefix(uri: string | undefined, written: string): string {
  if (uri === undefined) return written; // undeclared prefix: keep what was written
  for (const [re, prefix] of NAMESPACES) if (re.test(uri.trim())) return prefix;
  return written || uri;
}

export const decodeText = (s: string): string => (s.includes('&') ? decodeHTMLStrict(s) : s);

/** Entities declared in the document's internal DTD subset (`<!ENTITY id "tag:example.com,">`), which some feeds use. */
function declaredEntities(source: string): Map<string, string> {
  const doctype = /<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i.exec(source.slice(0, 16 * 1024));
  const found = new Map<string, string>();
  if (doctype) for (const m of doctype[1]!.matchAll(/<!ENTITY\s+([\w.-]+)\s+(["'])([^"']*)\2\s*>/g)) found.set(m[1]!, m[3]!);
  return found;
}

/** The document's internal entities would expand past this: it is refused, not read (a "billion laughs" in kind). */
export const MAX_ENTITY_EXPANSION = 4 * 2 ** 20;

/**
 * Elements nested deeper than this make the document too complex: htmlparser2 keeps its open
 * elements in an array it shifts at every tag, so depth costs time on every tag (100,000 levels: minutes).
 */
export const MAX_DEPTH = 1000;

/** Thrown inside the parser when the entity budget is spent or the nesting too deep; `parseFeed` turns it into `feed.too-complex`. */
export class TooComplex extends Error {}

export interface XmlOptions {
  /** Elements with these keys after the first `maxItems` are skipped whole: a huge feed costs what its first items cost. */
  itemKeys?: ReadonlySet<string>;
  maxItems?: number;
}

export function parseXml(source: string, baseUrl: string, o: XmlOptions = {}): XDoc {
  const entities = declaredEntities(source);
  let budget = MAX_ENTITY_EXPANSION;
  const expand = (ref: string, name: string): string => {
    const value = entities.get(name);
    if (value === undefined) return ref;
    budget -= value.length;
    if (budget < 0) throw new TooComplex(`its internal entities expand past ${MAX_ENTITY_EXPANSION / 2 ** 20} MB`);
    return value;
  };
  const decode = entities.size ? (s: string): string => decodeText(s.replace(/&([\w.-]+);/g, expand)) : decodeText;
  const top: XEl = { key: '#document', attrs: {}, children: [], text: '', base: baseUrl, innerStart: 0, innerEnd: source.length };
  const stack: XEl[] = [top];
  // Per prefix, the URIs declared by the open elements, innermost last: a lookup is one step at any depth.
  const inScope = new Map<string, string[]>([['xml', ['http://www.w3.org/XML/1998/namespace']]]);
  const declared: Array<string[] | null> = [];
  let inCdata = false;
  let items = 0;
  // While > 0, inside a skipped item: its elements and text are not kept.
  let skipping = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        if (stack.length + skipping > MAX_DEPTH) throw new TooComplex(`its elements nest deeper than ${MAX_DEPTH} levels`);
        if (skipping > 0) return void skipping++;
        const attrs: Record<string, string> = {};
        let prefixes: string[] | null = null;
        for (const [k, v] of Object.entries(attribs)) {
          const value = decode(v);
          const prefix = k === 'xmlns' ? '' : k.startsWith('xmlns:') ? k.slice(6) : null;
          if (prefix !== null) {
            (prefixes ??= []).push(prefix);
            const uris = inScope.get(prefix);
            if (uris) uris.push(value);
            else inScope.set(prefix, [value]);
          }
          attrs[k.toLowerCase()] = value;
        }
        const colon = name.indexOf(':');
        const written = colon > 0 ? name.slice(0, colon) : '';
        const local = (colon > 0 ? name.slice(colon + 1) : name).toLowerCase();
        const prefix = canonicalPrefix(inScope.get(written)?.at(-1), written.toLowerCase());
        const key = prefix ? `${prefix}:${local}` : local;
        if (o.itemKeys?.has(key) && ++items > (o.maxItems ?? Infinity)) {
          for (const p of prefixes ?? []) inScope.get(p)!.pop();
          return void (skipping = 1);
        }
        declared.push(prefixes);
        const parent = stack[stack.length - 1]!;
        const xmlBase = attrs['xml:base'];
        const el: XEl = {
          key,
          attrs,
          children: [],
          text: '',
          base: xmlBase !== undefined ? resolveUrl(xmlBase, parent.base) : parent.base,
          innerStart: parser.endIndex + 1,
          innerEnd: source.length,
        };
        parent.children.push(el);
        stack.push(el);
      },
      onclosetag() {
        if (skipping > 0) return void skipping--;
        if (stack.length <= 1) return;
        const el = stack.pop()!;
        for (const p of declared.pop() ?? []) inScope.get(p)!.pop();
        el.innerEnd = Math.max(el.innerStart, parser.startIndex);
      },
      ontext(data) {
        if (skipping > 0) return;
        const el = stack[stack.length - 1]!;
        el.text += inCdata ? data : decode(data);
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true },
  );
  parser.end(source);
  return { root: top.children[0] ?? null, source };
}

/** Read elements of namespace `from` as `to`: an Atom feed written in an unknown or no namespace is still Atom. */
export function renamePrefix(root: XEl, from: string, to: string): void {
  // A loop, not recursion: a document may nest deeper than the call stack.
  const todo = [root];
  for (let el = todo.pop(); el; el = todo.pop()) {
    const colon = el.key.lastIndexOf(':');
    if ((colon < 0 ? '' : el.key.slice(0, colon)) === from) el.key = `${to}:${el.key.slice(colon + 1)}`;
    for (const c of el.children) todo.push(c);
  }
}

export const child = (el: XEl | undefined, key: string): XEl | undefined => el?.children.find((c) => c.key === key);
export const childrenOf = (el: XEl | undefined, key: string): XEl[] => el?.children.filter((c) => c.key === key) ?? [];

/** Trimmed text of the first child with one of the keys, in order of preference; null if none has text. */
export function textOf(el: XEl | undefined, ...keys: string[]): string | null {
  for (const key of keys) {
    for (const c of childrenOf(el, key)) {
      const t = c.text.trim();
      if (t !== '') return t;
    }
  }
  return null;
}

/** The element's inner markup as written (for naked or XHTML content). */
export const innerXml = (doc: XDoc, el: XEl): string => doc.source.slice(el.innerStart, el.innerEnd);

/** Text for an element that may hold either escaped HTML (text) or naked markup (child elements). */
export const htmlOf = (doc: XDoc, el: XEl): string => (el.children.length > 0 ? innerXml(doc, el).trim() : el.text.trim());
