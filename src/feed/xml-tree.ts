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

export function parseXml(source: string, baseUrl: string): XDoc {
  const entities = declaredEntities(source);
  const decode = entities.size
    ? (s: string): string => decodeText(s.replace(/&([\w.-]+);/g, (ref, name: string) => entities.get(name) ?? ref))
    : decodeText;
  const top: XEl = { key: '#document', attrs: {}, children: [], text: '', base: baseUrl, innerStart: 0, innerEnd: source.length };
  const stack: XEl[] = [top];
  const scopes: Array<Map<string, string>> = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])];
  let inCdata = false;
  const lookup = (prefix: string): string | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const uri = scopes[i]!.get(prefix);
      if (uri !== undefined) return uri;
    }
    return undefined;
  };
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const scope = new Map<string, string>();
        const attrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(attribs)) {
          const value = decode(v);
          if (k === 'xmlns') scope.set('', value);
          else if (k.startsWith('xmlns:')) scope.set(k.slice(6), value);
          attrs[k.toLowerCase()] = value;
        }
        scopes.push(scope);
        const colon = name.indexOf(':');
        const written = colon > 0 ? name.slice(0, colon) : '';
        const local = (colon > 0 ? name.slice(colon + 1) : name).toLowerCase();
        const prefix = canonicalPrefix(lookup(written), written.toLowerCase());
        const parent = stack[stack.length - 1]!;
        const xmlBase = attrs['xml:base'];
        const el: XEl = {
          key: prefix ? `${prefix}:${local}` : local,
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
        if (stack.length <= 1) return;
        const el = stack.pop()!;
        scopes.pop();
        el.innerEnd = Math.max(el.innerStart, parser.startIndex);
      },
      ontext(data) {
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
export function renamePrefix(el: XEl, from: string, to: string): void {
  const colon = el.key.lastIndexOf(':');
  if ((colon < 0 ? '' : el.key.slice(0, colon)) === from) el.key = `${to}:${el.key.slice(colon + 1)}`;
  for (const c of el.children) renamePrefix(c, from, to);
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
