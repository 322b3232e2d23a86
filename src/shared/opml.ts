import { escapeUTF8 } from 'entities';

/** A feed of an OPML file, with its folder names (outermost first). */
export interface OpmlFeed {
  xmlUrl: string;
  htmlUrl: string | null;
  title: string;
  folders: string[];
}

const attr = (s: string): string => escapeUTF8(s).replace(/"/g, '&quot;');

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
