import { parseDocument } from 'htmlparser2';
import { isTag, type Element } from 'domhandler';
import { escapeUTF8 } from 'entities';
import type { Source } from './types.js';

/** A feed of an OPML file, with its folder names (outermost first). */
export interface OpmlFeed {
  xmlUrl: string;
  htmlUrl: string | null;
  title: string;
  folders: string[];
}

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

const attr = (s: string): string => escapeUTF8(s).replace(/"/g, '&quot;');

/** OPML 2.0 with category → site → channel outlines; feed URLs as fetched, never with an access key. */
export function writeOpml(sources: readonly Source[], title: string, now: Date): string {
  const tree = new Map<string, Map<string, Source[]>>();
  for (const s of sources) {
    const sites = tree.get(s.category) ?? new Map<string, Source[]>();
    sites.set(s.site, [...(sites.get(s.site) ?? []), s]);
    tree.set(s.category, sites);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', `  <head><title>${attr(title)}</title><dateCreated>${now.toUTCString()}</dateCreated></head>`, '  <body>'];
  for (const [category, sites] of tree) {
    lines.push(`    <outline text="${attr(category)}" title="${attr(category)}">`);
    for (const [site, list] of sites) {
      lines.push(`      <outline text="${attr(site)}" title="${attr(site)}">`);
      for (const s of list) lines.push(`        <outline type="rss" text="${attr(s.channel)}" title="${attr(s.channel)}" xmlUrl="${attr(s.url)}"/>`);
      lines.push('      </outline>');
    }
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
