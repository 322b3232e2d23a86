import { normalizeRoute } from './route.js';
import { categoryKeyOf, categoryNames } from './categories.js';
import type { CatalogEntry } from './types.js';

/**
 * The 2019–2023 zh route docs, one markdown page per category: `# 新媒体` / `## site` / `### channel`
 * / `<Route author=… example=… path=… :paramsDesc="[…]">`. Opening tags may span lines; `####`
 * inside a Route body is description, outside it a sub-channel; a Route right under `##` takes the
 * site as its channel; links and HTML in headings are reduced to text.
 */
const headingText = (s: string): string =>
  s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\{#[^}]*\}\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([:\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[m[1]!.replace(/^:/, '').toLowerCase()] = m[2] ?? m[3] ?? '';
  return attrs;
}

function paramsDesc(raw: string | undefined, path: string | null): Record<string, string> {
  if (!raw || !path) return {};
  const values = [...raw.matchAll(/'((?:\\'|[^'])*)'/g)].map((m) => m[1]!.replace(/\\'/g, "'").trim());
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((n, i) => [n, values[i] ?? '']));
}

export function readLegacyDocs(markdown: string, fileKey?: string): CatalogEntry[] {
  const text = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const lines = text.split('\n');
  const entries: CatalogEntry[] = [];
  let categoryName = '';
  let site = '';
  let channel = '';
  let sub = '';
  let siteUrl = '';
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    if (h) {
      const level = h[1]!.length;
      const name = headingText(h[2]!);
      if (level === 1) categoryName = name;
      else if (level === 2) [site, channel, sub, siteUrl] = [name, '', '', /\]\((https?:\/\/[^)\s]+)\)/.exec(h[2]!)?.[1] ?? ''];
      else if (level === 3) [channel, sub] = [name, ''];
      else sub = name;
      continue;
    }
    if (!/<Route\b/i.test(line)) continue;
    // The opening tag may continue over several lines.
    let tag = line.slice(line.search(/<Route\b/i));
    while (!/\/?>\s*(<\/Route>\s*)?$/i.test(tag.replace(/"[^"]*"|'[^']*'/g, '')) && i + 1 < lines.length) tag += ' ' + lines[++i]!.trim();
    const selfClosing = /\/>\s*$/.test(tag) || /<\/Route>/i.test(tag); // `<Route …></Route>` on one line too
    let body = '';
    if (!selfClosing) {
      // The body ends at </Route>; a tag the docs forgot to close ends at the next ##/### or Route.
      const rest: string[] = [];
      const ends = (l: string) => /^#{1,3}\s/.test(l) || /<Route\b/i.test(l);
      while (i + 1 < lines.length && !/<\/Route>/i.test(lines[i + 1]!) && !ends(lines[i + 1]!)) rest.push(lines[++i]!);
      if (i + 1 < lines.length && /<\/Route>/i.test(lines[i + 1]!)) i++;
      body = rest.join('\n').trim();
    }
    const a = attributes(tag);
    const example = a.example ? normalizeRoute(a.example) : null;
    const path = a.path ? normalizeRoute(a.path) : null;
    const route = example ?? path;
    if (!route) continue;
    const key = fileKey ?? categoryKeyOf(categoryName);
    entries.push({
      categoryKey: key,
      category: categoryName ? { ...categoryNames(key), zh: categoryName } : categoryNames(key),
      site: site || categoryName,
      channel: sub || channel || site,
      route,
      example,
      path,
      parameters: paramsDesc(a.paramsdesc ?? a.paramdesc ?? a.paramsdecs, path),
      description: body,
      namespace: route.split('/')[1] ?? '',
      siteUrl: siteUrl || null,
      aliases: [],
    });
  }
  return entries;
}
