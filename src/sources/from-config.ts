import { relative, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BroadsheetError, sha256Hex } from '../shared/index.js';
import { normalizeRoute } from '../catalog/index.js';
import type { Config, SourceConfig } from '../config/index.js';
import type { NameLookup, Source, SourceKind, SourceNames } from './types.js';

const noLookup: NameLookup = () => undefined;

/** RSSHub's parameters as the route's query, in name order (one source, one URL, whatever the order written). */
function withParams(url: string, params: SourceConfig['params']): string {
  if (!params) return url;
  const u = new URL(url);
  for (const [k, v] of Object.entries(params).sort(([a], [b]) => a.localeCompare(b))) u.searchParams.set(k, String(v));
  return u.href;
}


/** A URL without its `user:password@`, and those credentials (decoded) when it had them. */
function withoutCredentials(raw: string): { url: string; auth?: { user: string; password: string } } {
  const u = new URL(raw);
  if (!u.username && !u.password) return { url: raw };
  const auth = { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
  u.username = '';
  u.password = '';
  return { url: u.href, auth };
}

function kindAndUrl(s: SourceConfig, config: Config): { kind: SourceKind; url: string; id: string; auth?: { user: string; password: string } } {
  if (s.route !== undefined) {
    const route = normalizeRoute(s.route);
    return { kind: 'rsshub', ...withoutCredentials(withParams(config.rsshub.instance + route, s.params)), id: route };
  }
  if (s.url !== undefined) {
    // The id comes from the URL without credentials: a changed password keeps the source.
    const { url, auth } = withoutCredentials(s.url);
    return { kind: 'feed', url, id: `feed-${sha256Hex(url).slice(0, 12)}`, ...(auth ? { auth } : {}) };
  }
  const file = s.file!;
  // Hash the path as written relative to the config, so moving the project keeps ids.
  const rel = relative(dirname(config.file), file).split('\\').join('/');
  return { kind: 'file', url: pathToFileURL(file).href, id: `file-${sha256Hex(rel).slice(0, 12)}` };
}

export function sourcesFromConfig(config: Config, lookup: NameLookup = noLookup): Source[] {
  const seen = new Map<string, number>();
  return config.sources.map((s) => {
    const { kind, url, id: derivedId, auth: fromUrl } = kindAndUrl(s, config);
    const auth = s.auth ?? fromUrl;
    const id = s.id ?? derivedId;
    const at = `${config.file}:${s.line}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new BroadsheetError('config.invalid', `${at}: source ${id} is already listed at line ${earlier}`, { file: config.file, line: s.line, source: id });
    }
    seen.set(id, s.line);
    const given = pick(s);
    // The catalog is asked only for names the config leaves out (matching a route against its
    // patterns cost a run with 150 named routes a quarter of a second).
    const found = kind === 'rsshub' && !(given.category && given.site && given.channel) ? lookup(normalizeRoute(s.route!)) : undefined;
    const names: Partial<SourceNames> = { ...found, ...given };
    const absent = (['category', 'site', 'channel'] as const).filter((k) => !names[k]);
    if (absent.length) {
      const fix = kind === 'rsshub'
        ? `write ${absent.map((k) => `${k}:`).join(', ')} under it, or run \`broadsheet catalog update\` so the route catalog names it`
        : `write ${absent.map((k) => `${k}:`).join(', ')} under it`;
      throw new BroadsheetError('config.invalid', `${at}: source ${id} needs ${absent.join(', ')} (no catalog entry supplies them): ${fix}`, { file: config.file, line: s.line, source: id });
    }
    return {
      id,
      url,
      kind,
      category: names.category!,
      site: names.site!,
      channel: names.channel!,
      options: { items: s.items ?? config.fetch.items, line: s.line, ...(s.route ? { route: normalizeRoute(s.route) } : {}), ...(auth ? { auth } : {}), ...(s.fullText !== undefined ? { fullText: s.fullText } : {}) },
    };
  });
}

function pick(s: SourceConfig): Partial<SourceNames> {
  const out: Partial<SourceNames> = {};
  if (s.category) out.category = s.category;
  if (s.site) out.site = s.site;
  if (s.channel) out.channel = s.channel;
  return out;
}
