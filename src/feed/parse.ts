import { BroadsheetError } from '../shared/index.js';
import { detectFormat } from './detect.js';
import { parseXml, renamePrefix, TooComplex } from './xml-tree.js';
import { parseRss } from './rss.js';
import { parseAtom } from './atom.js';
import { parseJsonFeed } from './json-feed.js';
import type { ParsedFeed } from './types.js';

// Item elements of RSS 0.9x–2.0 and RDF, and of Atom (in its namespace, or in none before it is renamed).
const ITEM_KEYS = new Set(['item', 'atom:entry', 'entry']);

export interface ParseOptions {
  /** Only the first this many items are read: the rest of a huge feed is skipped while parsing. */
  maxItems?: number;
}

/**
 * Any document → a ParsedFeed, or a BroadsheetError saying why not. Never throws on bad input:
 * malformed XML is recovered as far as a forgiving parser can; internal entities that would expand
 * past a few megabytes are `feed.too-complex`.
 */
export function parseFeed(text: string, baseUrl: string, o: ParseOptions = {}): ParsedFeed | BroadsheetError {
  try {
    return parseDocument(text, baseUrl, o);
  } catch (e) {
    if (e instanceof TooComplex) return new BroadsheetError('feed.too-complex', `${baseUrl} was not read: ${e.message}`, { url: baseUrl });
    throw e;
  }
}

function parseDocument(text: string, baseUrl: string, o: ParseOptions): ParsedFeed | BroadsheetError {
  const format = detectFormat(text);
  switch (format) {
    case 'json':
      return parseJsonFeed(text, baseUrl);
    case 'empty':
      return new BroadsheetError('feed.unrecognized', `${baseUrl} returned an empty document`, { url: baseUrl });
    case 'html':
      return new BroadsheetError('feed.unrecognized', `${baseUrl} returned an HTML page, not a feed`, { url: baseUrl });
    case 'unknown':
      return new BroadsheetError('feed.unrecognized', `no RSS, RDF, Atom or JSON Feed root element in ${baseUrl}`, { url: baseUrl });
    case 'rss':
    case 'rdf':
    case 'atom': {
      const doc = parseXml(text, baseUrl, o.maxItems === undefined ? {} : { itemKeys: ITEM_KEYS, maxItems: o.maxItems });
      if (!doc.root) return new BroadsheetError('feed.malformed', `no root element could be read in ${baseUrl}`, { url: baseUrl });
      if (format === 'rss' || format === 'rdf') return parseRss(doc, doc.root, format);
      if (doc.root.key !== 'atom:feed') renamePrefix(doc.root, doc.root.key.slice(0, Math.max(0, doc.root.key.lastIndexOf(':'))), 'atom');
      return parseAtom(doc, doc.root);
    }
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}
