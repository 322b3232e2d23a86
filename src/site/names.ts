import type { OutputPart } from '../store/index.js';
import type { SourceNames } from '../sources/index.js';
import type { NameSlugs } from './model.js';
import { slugOf } from './paths.js';

/**
 * Paths for every category, site and channel given, allocated once in the store: readable (Hexo's
 * slug of the name), unique within their parent even between names that differ only by case or
 * Unicode form, and never changing once given.
 */
export async function nameSlugs(out: OutputPart, names: readonly SourceNames[]): Promise<NameSlugs> {
  const cats = new Map<string, string[]>();
  const sites = new Map<string, Map<string, string[]>>();
  const channels = new Map<string, Map<string, string[]>>();
  // Each name's slug worked out once: the names come once per channel and once per source.
  const add = (scopes: Map<string, Map<string, string[]>>, scope: string, key: string) => {
    const keys = scopes.get(scope) ?? scopes.set(scope, new Map()).get(scope)!;
    if (!keys.has(key)) keys.set(key, [slugOf(key)]);
  };
  for (const n of names) {
    if (!cats.has(n.category)) cats.set(n.category, [slugOf(n.category)]);
    add(sites, `site/${n.category}`, n.site);
    add(channels, `channel/${n.category}/${n.site}`, n.channel);
  }
  const got = new Map<string, Map<string, string>>([['category', await out.slugs('category', cats)]]);
  for (const scopes of [sites, channels]) for (const [scope, wanted] of scopes) got.set(scope, await out.slugs(scope, wanted));
  const of = (scope: string, key: string): string => {
    const slug = got.get(scope)?.get(key);
    if (slug === undefined) throw new Error(`no path was allocated for ${scope} ${key}`);
    return slug;
  };
  return {
    category: (c) => of('category', c),
    site: (c, s) => of(`site/${c}`, s),
    channel: (c, s, ch) => of(`channel/${c}/${s}`, ch),
  };
}

