import { normalizeRoute } from './route.js';
import type { CatalogEntry } from './types.js';

/** Koa-style pattern → RegExp: `:x` one segment, `:x?` optional, `:x*` / `:x+` the rest. */
function patternRegExp(path: string): RegExp {
  let re = '';
  for (const seg of path.split('/').filter(Boolean)) {
    const p = /^:(\w+)([?*+]?)(\{.*\})?$/.exec(seg);
    if (!p) re += '/' + seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (p[2] === '?') re += '(?:/[^/]+)?';
    else if (p[2] === '*') re += '(?:/.*)?';
    else if (p[2] === '+') re += '/.+';
    else re += '/[^/]+';
  }
  return new RegExp(`^${re}/?$`);
}

const literalLength = (path: string): number => path.split('/').filter((s) => s && !s.startsWith(':')).join('/').length;

export type CatalogLookup = (route: string) => CatalogEntry | undefined;

/**
 * Find the entry of a configured route: an exact example first (the first listed wins, as in the
 * docs' order), else the most specific path pattern it matches (`/36kr/user/123` → `/36kr/user/:id`).
 */
export function catalogLookup(entries: readonly CatalogEntry[]): CatalogLookup {
  const byRoute = new Map<string, CatalogEntry>();
  for (const e of entries) if (!byRoute.has(e.route)) byRoute.set(e.route, e);
  // Compiled on the first route no example matches: a config whose routes are all examples, or all
  // named, never pays for thousands of patterns (~20 ms of every command).
  let patterns: Array<{ e: CatalogEntry; re: RegExp }> | undefined;
  const compiled = () =>
    (patterns ??= entries
      .filter((e) => e.path)
      .map((e) => ({ e, re: patternRegExp(e.path!), weight: literalLength(e.path!) }))
      .sort((a, b) => b.weight - a.weight));
  return (route) => {
    const r = normalizeRoute(route.split('?')[0]!);
    return byRoute.get(normalizeRoute(route)) ?? byRoute.get(r) ?? compiled().find((p) => p.re.test(r) || p.re.test(encodeURI(r)))?.e;
  };
}

/** Entries whose names (Chinese and English), route, namespace or site address contain every word (case-insensitive). */
export function searchCatalog(entries: readonly CatalogEntry[], words: readonly string[]): CatalogEntry[] {
  const needles = words.map((w) => w.toLowerCase());
  return entries.filter((e) => {
    const hay = [e.category.zh, e.category.en, e.categoryKey, e.site, e.channel, e.route, e.path ?? '', e.namespace, e.siteUrl ?? '', ...e.aliases].join(' ').toLowerCase();
    return needles.every((n) => hay.includes(n));
  });
}
