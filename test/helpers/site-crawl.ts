import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Parser } from 'htmlparser2';

/** Every `.html` file of a built site, `/`-separated and relative to it. */
export function htmlFilesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Every URL a page refers to: links, images, stylesheets, scripts (and the search module), feeds, canonical, forms. */
export function refsOf(html: string): string[] {
  const refs: string[] = [];
  const p = new Parser({
    onopentag(name, a) {
      if ((name === 'a' || name === 'link') && a.href) refs.push(a.href);
      if ((name === 'img' || name === 'script') && a.src) refs.push(a.src);
      if (name === 'form' && a.action) refs.push(a.action);
      if (a['data-module']) refs.push(a['data-module']);
      if (name === 'meta' && a['http-equiv'] === 'refresh' && a.content) refs.push(a.content.replace(/^\d+;\s*url=/i, ''));
    },
  });
  p.write(html);
  p.end();
  return refs;
}

/**
 * Walk a built site from its home page as a crawler would, resolving each reference as a static host
 * does (`siteUrl` is where `root` is served): the files reached, and every internal reference that
 * points at no file (`page → reference`).
 */
export function crawlSite(root: string, siteUrl: string): { seen: Set<string>; broken: string[] } {
  const base = new URL(siteUrl);
  const fileOf = (url: URL): string | null => {
    if (url.origin !== base.origin || !decodeURIComponent(url.pathname).startsWith(base.pathname)) return null;
    const file = join(root, decodeURIComponent(url.pathname).slice(base.pathname.length));
    return existsSync(file) && statSync(file).isDirectory() ? join(file, 'index.html') : file;
  };
  const seen = new Set<string>();
  const broken: string[] = [];
  const queue = [join(root, 'index.html')];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.html')) continue;
    const pageUrl = new URL(file.slice(root.length + 1).replace(/index\.html$/, ''), base);
    for (const ref of refsOf(readFileSync(file, 'utf8'))) {
      const target = fileOf(new URL(ref, pageUrl));
      if (target === null) continue;
      if (!existsSync(target)) broken.push(`${file.slice(root.length)} → ${ref}`);
      else queue.push(target);
    }
  }
  return { seen, broken };
}
