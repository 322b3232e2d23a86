import { normalizeRoute } from '../catalog/index.js';
import { onFirstUse } from '../shared/index.js';

// Only `import rsshub-page` reads one.
const yaml = onFirstUse<typeof import('yaml')>('yaml');

/** A route of the original system's config.yml, with the names its comment headings gave it. */
export interface RsshubPageRoute {
  route?: string;
  url?: string;
  category: string;
  site: string;
  channel: string;
  selected: boolean;
}

/**
 * RSSHUB-PAGE's `config.yml`: one key `slect:` (sic) listing routes, the catalog written as comments:
 * `#类别` + `#-----` is a category, `##site` a site, `###channel` a channel, ` - /route` a selected
 * route and `# - /route` one available but not selected. Its `user_config.yml` adds `diy:` entries,
 * read here as strings (a route or a URL) under the same kind of headings, or as mappings with
 * `route`/`url`/`link` and `category`/`site`/`channel`.
 */
export function readRsshubPageConfig(text: string): RsshubPageRoute[] {
  const lines = text.split(/\r?\n/);
  const out: RsshubPageRoute[] = [];
  let category = '';
  let site = '';
  let channel = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const item = /^(#\s*)?\s*-\s+(\S.*?)\s*$/.exec(line);
    if (item && !/^#-{3,}/.test(line)) {
      const target = item[2]!.replace(/^['"]|['"]$/g, '');
      if (/^(\/|https?:\/\/)/.test(target)) {
        const where = target.startsWith('/') ? { route: normalizeRoute(target) } : { url: target };
        out.push({ ...where, category, site: site || category, channel: channel || site || category, selected: !item[1] });
      }
      continue;
    }
    if (/^###/.test(line)) channel = line.replace(/^###\s*/, '').trim();
    else if (/^##/.test(line)) [site, channel] = [line.replace(/^##\s*/, '').trim(), ''];
    else if (/^#[^#-]/.test(line) && /^#-{3,}/.test(lines[i + 1] ?? '')) [category, site, channel] = [line.slice(1).trim(), '', ''];
  }
  return out;
}

/** `diy:` mappings of user_config.yml (string entries are read by readRsshubPageConfig). */
export function readRsshubPageDiy(text: string): RsshubPageRoute[] {
  const data = yaml().parse(text) as { diy?: unknown } | null;
  const entries = Array.isArray(data?.diy) ? data.diy : [];
  return entries.flatMap((e): RsshubPageRoute[] => {
    if (typeof e !== 'object' || e === null) return [];
    const m = e as Record<string, unknown>;
    const target = [m.route, m.url, m.link].find((v): v is string => typeof v === 'string');
    if (!target) return [];
    const names = { category: String(m.category ?? 'DIY'), site: String(m.site ?? m.name ?? target), channel: String(m.channel ?? m.name ?? target) };
    return [{ ...(target.startsWith('/') ? { route: normalizeRoute(target) } : { url: target }), ...names, selected: true }];
  });
}
