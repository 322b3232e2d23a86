import { firstNonBlank, resolveUrl } from '../shared/index.js';
import { child, childrenOf, htmlOf, textOf, type XDoc, type XEl } from './xml-tree.js';
import { authorName, dated, enclosure, plainTitle, unique } from './fields.js';
import { mediaEnclosures, thumbnailsOf } from './media.js';
import type { Enclosure, Entry, ParsedFeed } from './types.js';

/** RSS 0.9x / 2.0 and RDF (RSS 1.0 / 0.90): items sit in the channel (RSS) or beside it (RDF). */
export function parseRss(doc: XDoc, root: XEl, format: 'rss' | 'rdf'): ParsedFeed {
  const channel = child(root, 'channel');
  const items = [...childrenOf(channel, 'item'), ...childrenOf(root, 'item')];
  const feedAuthor = authorName(textOf(channel, 'managingeditor', 'dc:creator', 'itunes:author', 'dc:author', 'author'));
  const channelBase = channel?.base ?? root.base;
  const rawLink = textOf(channel, 'link') ?? alternateHref(channel);
  const ttl = Number(textOf(channel, 'ttl'));
  return {
    format,
    title: plainTitle(textOf(channel, 'title', 'dc:title')),
    link: rawLink ? resolveUrl(rawLink, channelBase) : null,
    ...(Number.isInteger(ttl) && ttl > 0 ? { ttlMinutes: ttl } : {}),
    entries: items.map((item) => rssEntry(doc, item, feedAuthor)),
  };
}

function alternateHref(el: XEl | undefined): string | null {
  const link = childrenOf(el, 'atom:link').find((l) => (l.attrs.rel ?? 'alternate') === 'alternate' && l.attrs.href);
  return link?.attrs.href ?? null;
}

function richText(doc: XDoc, el: XEl | undefined): string | null {
  if (!el) return null;
  const html = htmlOf(doc, el);
  return html === '' ? null : html;
}

/** Where RSS items carry a full body, in order of preference. */
const BODY_KEYS = ['content:encoded', 'xhtml:body', 'body', 'fullitem'];

function rssEntry(doc: XDoc, item: XEl, feedAuthor: string | null): Entry {
  const guidEl = child(item, 'guid');
  const guid = guidEl?.text.trim() || item.attrs['rdf:about']?.trim() || null;
  const guidIsLink = guidEl !== undefined && guidEl.attrs.ispermalink?.toLowerCase() !== 'false' && /^https?:\/\//i.test(guid ?? '');
  const rawLink = firstNonBlank(textOf(item, 'link'), alternateHref(item), guidIsLink ? guid : null, item.attrs['rdf:about']);
  const linkBase = child(item, 'link')?.base ?? item.base;
  const description = richText(doc, child(item, 'description') ?? child(item, 'dc:description'));
  // A separate <summary> (seen in the wild) makes the description the body.
  const summary = richText(doc, child(item, 'summary')) ?? description;
  const bodyEl = BODY_KEYS.map((k) => child(item, k)).find((el) => el !== undefined);
  const encoded = richText(doc, bodyEl);
  const published = dated(textOf(item, 'pubdate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'atom:published'));
  const updated = dated(textOf(item, 'atom:updated', 'dcterms:modified', 'lastbuilddate'));
  const enclosures = [
    ...childrenOf(item, 'enclosure').map((e) => enclosure(e.attrs.url, e.attrs.type, e.attrs.length, e.base)),
    ...mediaEnclosures(item),
  ].filter((e): e is Enclosure => e !== null);
  return {
    title: plainTitle(textOf(item, 'title', 'dc:title')),
    link: rawLink ? resolveUrl(rawLink, linkBase) : null,
    guid,
    publishedText: published.text,
    published: published.date,
    updatedText: updated.text,
    updated: updated.date,
    author: authorName(textOf(item, 'author', 'dc:creator', 'dc:author', 'itunes:author')) ?? feedAuthor,
    contentHtml: encoded ?? description ?? summary,
    summary,
    baseUrl: (bodyEl ?? child(item, 'description'))?.base ?? item.base,
    enclosures: uniqueBy(enclosures),
    thumbnails: thumbnailsOf(item),
    categories: unique(
      [...childrenOf(item, 'category'), ...childrenOf(item, 'dc:subject')].map((c) => c.text.trim()).filter((t) => t !== ''),
    ),
  };
}

const uniqueBy = (xs: Enclosure[]): Enclosure[] => xs.filter((x, i) => xs.findIndex((y) => y.url === x.url) === i);
