import { parseDocument } from 'htmlparser2';
import { isTag, type Element } from 'domhandler';
import type { OpmlFeed } from '../shared/index.js';
import type { Source } from './types.js';

/**
 * Reads OPML as readers export it: Miniflux, FreshRSS and Feedly nest feeds one level under a
 * category outline; Broadsheet's own export nests category → site → channel.
 */
export function readOpml(text: string): OpmlFeed[] {
  const doc = parseDocument(text, { xmlMode: true });
  const feeds: OpmlFeed[] = [];
  const walk = (nodes: Element[], folders: string[]): void => {
    for (const el of nodes) {
      const label = el.attribs.title ?? el.attribs.text ?? '';
      const xmlUrl = el.attribs.xmlUrl ?? el.attribs.xmlurl;
      const children = el.children.filter(isTag).filter((c) => c.name.toLowerCase() === 'outline');
      if (xmlUrl) feeds.push({ xmlUrl, htmlUrl: el.attribs.htmlUrl ?? el.attribs.htmlurl ?? null, title: label || xmlUrl, folders });
      else walk(children, [...folders, label]);
    }
  };
  const all = (n: Element[]): Element[] => n.flatMap((e) => (e.name.toLowerCase() === 'body' ? [e] : all(e.children.filter(isTag))));
  for (const body of all(doc.children.filter(isTag))) walk(body.children.filter(isTag).filter((c) => c.name.toLowerCase() === 'outline'), []);
  return feeds;
}

/** A configured source as an OPML feed, filed category → site → channel; its URL as fetched (never with an access key). */
export const opmlFeedOf = (s: Source): OpmlFeed => ({ xmlUrl: s.url, htmlUrl: null, title: s.channel, folders: [s.category, s.site] });

