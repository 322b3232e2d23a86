import { BroadsheetError } from '../shared/index.js';
import { detectFormat } from './detect.js';
import { parseXml, renamePrefix } from './xml-tree.js';
import { parseRss } from './rss.js';
import { parseAtom } from './atom.js';
import { parseJsonFeed } from './json-feed.js';
import type { ParsedFeed } from './types.js';

/**
 * Any document → a ParsedFeed, or a BroadsheetError saying why not. Never throws on bad input:
 * malformed XML is recovered as far as a forgiving parser can.
 */
export function parseFeed(text: string, baseUrl: string): ParsedFeed | BroadsheetError {
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
      const doc = parseXml(text, baseUrl);
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
