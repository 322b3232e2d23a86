import { editSources } from '../../config/index.js';
import { searchCatalog, type CatalogEntry } from '../../catalog/index.js';
import { BroadsheetError } from '../../shared/index.js';
import { normalizeRoute } from '../../catalog/index.js';
import type { Command } from '../command.js';
import { loadContext, type Context } from '../context.js';

/** A route as its pattern with its parameters (`/weibo/user/:uid`), and the docs' example to copy from. */
const shown = (e: CatalogEntry): string => `${e.path ?? e.route}${e.example && e.example !== (e.path ?? e.route) ? `  (e.g. ${e.example})` : ''}`;
const line = (e: CatalogEntry, selected: boolean): string => `${selected ? '*' : ' '} ${shown(e)}  ${e.category.zh} / ${e.site} / ${e.channel}`;

/** The catalog entries the configured routes fall under: `/bilibili/user/bangumi/44744006` selects `/bilibili/user/bangumi/:uid`. */
const selectedEntries = (ctx: Context): Set<CatalogEntry> =>
  new Set(ctx.sources.flatMap((s) => (s.options.route ? [ctx.lookup(s.options.route)] : [])).filter((e): e is CatalogEntry => e !== undefined));

function list(ctx: Context): string[] {
  const selected = selectedEntries(ctx);
  const out: string[] = [];
  let [cat, site, channel] = ['', '', ''];
  for (const e of ctx.catalog.entries) {
    if (e.category.zh !== cat) out.push(`${(cat = e.category.zh)} (${e.categoryKey})`), (site = '');
    if (e.site !== site) out.push(`  ${(site = e.site)}`), (channel = '');
    if (e.channel !== channel) out.push(`    ${(channel = e.channel)}`);
    out.push(`      ${selected.has(e) ? '*' : ' '} ${shown(e)}`);
  }
  const listedOutside = ctx.sources.filter((s) => !s.options.route || !ctx.lookup(s.options.route));
  if (listedOutside.length) out.push('not in the catalog', ...listedOutside.map((s) => `      * ${s.options.route ?? s.url}  ${s.category} / ${s.site} / ${s.channel}`));
  return out;
}

export const sourcesCommand: Command = {
  name: 'sources',
  usage: 'search <words>… | list | add <route>… [--category <c> --site <s> --channel <ch>] | remove <route>…',
  summary: 'the route catalog and your selection (* = selected): search, list, add, remove',
  options: {
    category: { type: 'string', description: 'with add: category name (default: the catalog’s)' },
    site: { type: 'string', description: 'with add: site name' },
    channel: { type: 'string', description: 'with add: channel name' },
  },
  async run(values, positionals, io) {
    const [verb, ...rest] = positionals;
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const selected = selectedEntries(ctx);
    switch (verb) {
      case 'search': {
        if (rest.length === 0) throw new BroadsheetError('cli.usage', 'usage: broadsheet sources search <words>… (Chinese or English names, a route, a namespace or a site address)');
        const found = searchCatalog(ctx.catalog.entries, rest);
        for (const e of found.slice(0, 200)) io.out(line(e, selected.has(e)));
        io.out(`${found.length} routes${ctx.catalog.shipped ? ' (in the catalog shipped with Broadsheet; broadsheet catalog update reads your instance\'s own)' : ''}`);
        return 0;
      }
      case 'list':
        for (const l of list(ctx)) io.out(l);
        return 0;
      case 'add':
      case 'remove': {
        if (rest.length === 0) throw new BroadsheetError('cli.usage', `usage: broadsheet sources ${verb} <route>…`);
        // A route is a path (`aljazeera/news` is `/aljazeera/news`); a feed's address goes under `url:`.
        const routes = rest.map((r) => {
          if (/^[a-z][\w+.-]*:/i.test(r)) throw new BroadsheetError('cli.usage', `${r} is an address, not an RSSHub route: add it to sources: as "- url: ${r}" with category, site and channel`);
          return normalizeRoute(r);
        });
        const r = await editSources(ctx.config.file, () =>
          verb === 'remove'
            ? { remove: routes }
            : {
                add: routes.map((route) => {
                  const e = ctx.lookup(route);
                  const names = { category: (values.category as string | undefined) ?? e?.category.zh, site: (values.site as string | undefined) ?? e?.site, channel: (values.channel as string | undefined) ?? e?.channel };
                  if (!names.category || !names.site || !names.channel) throw new BroadsheetError('cli.usage', `${route} is not in the catalog: give --category, --site and --channel`);
                  return { route, ...names };
                }),
              },
        );
        io.out(`${ctx.config.file}: ${r.added} added, ${r.removed} removed${r.notListed.length ? `; not listed, so not removed: ${r.notListed.join(' ')}` : ''}`);
        return 0;
      }
      default:
        throw new BroadsheetError('cli.usage', 'usage: broadsheet sources search <words> | list | add <route> | remove <route>');
    }
  },
};
