import { normalizeRoute } from './route.js';
import { categoryNames } from './categories.js';
import type { CatalogEntry } from './types.js';

/**
 * An instance's `GET /api/namespace` (and the static `routes.json` of the same shape):
 * `{ ns: { name, zh?, categories?, routes: { path: { path, name, zh?, example, categories?, parameters } } } }`.
 * Categories of a route: its own, else its namespace's, else the namespace's first route's, else `other`.
 * Names are Chinese first (`zh.name`), as the original system showed them.
 */
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function parameters(v: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(v)).map(([k, p]) => [k, typeof p === 'string' ? p : (str(obj(p).description) ?? '')]));
}

export function readNamespaces(data: unknown): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const [ns, rawNs] of Object.entries(obj(data))) {
    const nsData = obj(rawNs);
    const routes = Object.values(obj(nsData.routes)).map(obj);
    const fallback = strings(nsData.categories)[0] ?? routes.map((r) => strings(r.categories)[0]).find(Boolean) ?? 'other';
    const nsName = str(nsData.name) === 'Unknown' ? ns : (str(obj(nsData.zh).name) ?? str(nsData.name) ?? ns);
    const siteUrl = str(nsData.url);
    const seen = new Set<string>();
    for (const r of routes) {
      const rawPath = Array.isArray(r.path) ? str(r.path[0]) : str(r.path);
      if (!rawPath || rawPath === '*' || seen.has(rawPath)) continue; // wildcard routes are not channels
      seen.add(rawPath);
      const path = normalizeRoute(`/${ns}${rawPath.startsWith('/') ? '' : '/'}${rawPath}`);
      const example = str(r.example) ? normalizeRoute(str(r.example)!) : null;
      const cats = strings(r.categories).length ? strings(r.categories) : strings(nsData.categories).length ? strings(nsData.categories) : [fallback];
      for (const key of cats.filter((c) => c !== 'popular')) {
        entries.push({
          categoryKey: key,
          category: categoryNames(key),
          site: nsName,
          channel: str(obj(r.zh).name) ?? str(r.name) ?? rawPath,
          route: example ?? path,
          example,
          path,
          parameters: parameters(r.parameters),
          description: str(r.description) ?? '',
          namespace: ns,
          siteUrl,
          aliases: [str(nsData.name), str(r.name), str(r.url)].filter((a): a is string => a !== null),
        });
      }
    }
  }
  return entries;
}
