import { decodeHTML } from 'entities';
import { categoryKeyOf } from './categories.js';
import { readNamespaces } from './namespaces.js';
import type { CatalogEntry } from './types.js';

/**
 * The 2024–2026 VitePress docs: `# 📱 新媒体`, `## site <Site …/>`, `### channel`, then one
 * `<Route namespace="ns" :data='{…json…}' :test='…' />` per route, `'` written as `&#39;` in the JSON.
 * Each tag is read as a one-route namespace, so names and categories follow the API's rules; the
 * page's own category is kept for routes listed under it.
 */
export function readV2Docs(markdown: string): CatalogEntry[] {
  const h1 = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? '';
  const pageKey = categoryKeyOf(h1);
  const entries: CatalogEntry[] = [];
  let site = '';
  let siteUrl: string | undefined;
  for (const line of markdown.split('\n')) {
    const h2 = /^##\s+(.+?)(?:\s*<Site\b.*)?$/.exec(line);
    if (h2 && !line.startsWith('###')) [site, siteUrl] = [h2[1]!.trim(), /<Site url="([^"]+)"/.exec(line)?.[1]];
    const m = /<Route\s+namespace="([^"]+)"\s+:data='([^']*)'/.exec(line);
    if (!m) continue;
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(decodeHTML(m[2]!)) as Record<string, unknown>;
    } catch {
      continue; // a damaged tag costs only its route
    }
    const found = readNamespaces({ [m[1]!]: { name: site || m[1], url: siteUrl, routes: { x: data } } });
    entries.push(...(found.some((e) => e.categoryKey === pageKey) ? found.filter((e) => e.categoryKey === pageKey) : found.slice(0, 1)));
  }
  return entries;
}
