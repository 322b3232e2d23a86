import { escapeUTF8 } from 'entities';
import { collapseWhitespace, resolveUrl } from '../shared/index.js';
import { htmlToText } from './html-text.js';
import { child, childrenOf, innerXml, textOf, type XDoc, type XEl } from './xml-tree.js';
import { dated, enclosure, unique } from './fields.js';
import { mediaEnclosures, thumbnailsOf } from './media.js';
import type { Enclosure, Entry, ParsedFeed } from './types.js';

/** Atom 1.0 and 0.3. */
export function parseAtom(doc: XDoc, root: XEl): ParsedFeed {
  const feedAuthor = personName(child(root, 'atom:author'));
  return {
    format: 'atom',
    title: textConstructPlain(doc, child(root, 'atom:title')),
    link: linkHref(root, 'alternate'),
    entries: childrenOf(root, 'atom:entry').map((e) => atomEntry(doc, e, feedAuthor)),
  };
}

/** HTML of a text or content construct (type text / html / xhtml; 0.3 mode escaped / base64 / xml). */
function constructHtml(doc: XDoc, el: XEl | undefined): string | null {
  if (!el || el.attrs.src) return null;
  const type = (el.attrs.type ?? 'text').toLowerCase();
  const mode = el.attrs.mode?.toLowerCase();
  let html: string;
  // Atom 1.0: a content type that is neither text nor XML carries base64 (RFC 4287 §4.1.3.3).
  const binary = mode === 'base64' || (type.includes('/') && !type.startsWith('text/') && !/[+/]xml$/.test(type));
  if (binary) html = Buffer.from(el.text.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml') {
    const div = el.children.length === 1 && /(^|:)div$/.test(el.children[0]!.key) && el.text.trim() === '' ? el.children[0]! : el;
    html = innerXml(doc, div);
  } else if (el.children.length > 0) html = innerXml(doc, el);
  else if (type === 'html' || type === 'text/html' || mode === 'escaped') html = el.text;
  else html = escapeUTF8(el.text);
  html = html.trim();
  return html === '' ? null : html;
}

function textConstructPlain(doc: XDoc, el: XEl | undefined): string | null {
  if (!el) return null;
  const type = (el.attrs.type ?? 'text').toLowerCase();
  const html = constructHtml(doc, el);
  if (html === null) return null;
  const text = type === 'text' && el.children.length === 0 && !el.attrs.mode ? collapseWhitespace(el.text) : htmlToText(html);
  return text === '' ? null : text;
}

function personName(el: XEl | undefined): string | null {
  return el ? textOf(el, 'atom:name') ?? textOf(el, 'atom:email') : null;
}

function linkHref(el: XEl, rel: string): string | null {
  const links = childrenOf(el, 'atom:link').filter((l) => (l.attrs.rel ?? 'alternate') === rel && l.attrs.href);
  const best = links.find((l) => !l.attrs.type || /html/i.test(l.attrs.type)) ?? links[0];
  return best ? resolveUrl(best.attrs.href!, best.base) : null;
}

function atomEntry(doc: XDoc, entry: XEl, feedAuthor: string | null): Entry {
  const contentEl = child(entry, 'atom:content');
  const summaryEl = child(entry, 'atom:summary');
  const content = constructHtml(doc, contentEl);
  const summary = constructHtml(doc, summaryEl);
  const published = dated(textOf(entry, 'atom:published', 'atom:issued', 'atom:created', 'dc:date'));
  const updated = dated(textOf(entry, 'atom:updated', 'atom:modified'));
  const source = child(entry, 'atom:source');
  const enclosures = [
    ...childrenOf(entry, 'atom:link')
      .filter((l) => l.attrs.rel === 'enclosure')
      .map((l) => enclosure(l.attrs.href, l.attrs.type, l.attrs.length, l.base)),
    ...mediaEnclosures(entry),
  ].filter((e): e is Enclosure => e !== null);
  return {
    title: textConstructPlain(doc, child(entry, 'atom:title')),
    link: linkHref(entry, 'alternate'),
    guid: textOf(entry, 'atom:id'),
    publishedText: published.text,
    published: published.date,
    updatedText: updated.text,
    updated: updated.date,
    author: personName(child(entry, 'atom:author')) ?? personName(child(source, 'atom:author')) ?? textOf(entry, 'dc:creator') ?? feedAuthor,
    contentHtml: content ?? summary,
    summary,
    baseUrl: (contentEl ?? summaryEl ?? entry).base,
    enclosures,
    thumbnails: thumbnailsOf(entry),
    categories: unique(
      childrenOf(entry, 'atom:category')
        .map((c) => (c.attrs.term ?? c.attrs.label ?? c.text).trim())
        .filter((t) => t !== ''),
    ),
  };
}
