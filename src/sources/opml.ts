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

/** A configured source as an OPML feed, filed category → site → channel; its URL as fetched (never with an access key). */
export const opmlFeedOf = (s: Source): OpmlFeed => ({ xmlUrl: s.url, htmlUrl: null, title: s.channel, folders: [s.category, s.site] });

interface Folder {
  feeds: OpmlFeed[];
  folders: Map<string, Folder>;
}

/** OPML 2.0 of feeds in their folders, in the order given; `now` dates it (left out where the file must not change between builds). */
export function writeOpml(feeds: readonly OpmlFeed[], title: string, now?: Date): string {
  const root: Folder = { feeds: [], folders: new Map() };
  for (const f of feeds) {
    let at = root;
    for (const name of f.folders) {
      if (!at.folders.has(name)) at.folders.set(name, { feeds: [], folders: new Map() });
      at = at.folders.get(name)!;
    }
    at.feeds.push(f);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', `  <head><title>${attr(title)}</title>${now ? `<dateCreated>${now.toUTCString()}</dateCreated>` : ''}</head>`, '  <body>'];
  const write = (folder: Folder, indent: string): void => {
    for (const f of folder.feeds) lines.push(`${indent}<outline type="rss" text="${attr(f.title)}" title="${attr(f.title)}" xmlUrl="${attr(f.xmlUrl)}"${f.htmlUrl ? ` htmlUrl="${attr(f.htmlUrl)}"` : ''}/>`);
    for (const [name, inner] of folder.folders) {
      lines.push(`${indent}<outline text="${attr(name)}" title="${attr(name)}">`);
      write(inner, `${indent}  `);
      lines.push(`${indent}</outline>`);
    }
  };
  write(root, '    ');
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
