import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BroadsheetError } from '../../shared/index.js';
import { normalizeRoute } from '../../catalog/index.js';
import { importHexo } from '../../pipeline/index.js';
import { editSources, type SourceEntry } from '../../config/index.js';
import { readOpml, readRsshubPageConfig, readRsshubPageDiy } from '../../sources/index.js';
import type { Command } from '../command.js';
import { loadContext, type Context } from '../context.js';
import type { Io } from '../io.js';

const USAGE = 'usage: broadsheet import hexo <posts dir> | rsshub-page <config.yml> [<user_config.yml>] | opml <file>';

const read = (file: string): Promise<string> =>
  readFile(file, 'utf8').catch((e: Error) => {
    throw new BroadsheetError('import.read', `cannot read ${file}: ${e.message}`, { file }, { cause: e });
  });

async function hexo(ctx: Context, dir: string, io: Io): Promise<number> {
  const store = await ctx.openStore();
  try {
    const r = await importHexo(dir, store, { sources: ctx.sources, postsDir: ctx.config.hexo.postsDir, now: ctx.now() });
    for (const e of r.failed) io.err(`not imported: ${e.message}`);
    io.out(`${r.files} posts read: ${r.imported} imported, ${r.unchanged} already stored, ${r.failed.length} unreadable`);
    io.out('`broadsheet hexo` writes them into the posts folder');
    // Every post Hexo reads is imported; one that is not readable is named above and fails the command.
    return r.failed.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** Feeds whose URL is on the configured instance become routes again. */
function entryFor(ctx: Context, url: string, names: Omit<SourceEntry, 'route' | 'url'>): SourceEntry {
  const instance = ctx.config.rsshub.instance;
  if (url.startsWith(instance + '/')) return { route: normalizeRoute(new URL(url).pathname), ...names };
  // `export opml` writes a file source as its file: URL; it comes back as a file.
  if (/^file:/i.test(url)) return { file: fileURLToPath(url), ...names };
  return { url, ...names };
}

export const importCommand: Command = {
  name: 'import',
  usage: 'hexo <posts dir> | rsshub-page <config.yml> [<user_config.yml>] | opml <file>',
  summary: 'bring in the original system\'s posts or selection, or an OPML list of feeds',
  options: {},
  async run(values, positionals, io) {
    const [kind, path, extra] = positionals;
    if (!path) throw new BroadsheetError('cli.usage', USAGE);
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    let entries: SourceEntry[];
    if (kind === 'hexo') return hexo(ctx, path, io);
    if (kind === 'rsshub-page') {
      const text = await read(path);
      // Hexo's _config.yml and other files parse as YAML too: say which file was wanted rather than import nothing.
      if (!/^slect:/m.test(text)) throw new BroadsheetError('import.read', `${path} has no slect: selection: give RSSHUB-PAGE's config.yml (the file whose slect: lists the routes), and its user_config.yml second if you have one`, { file: path });
      const routes = readRsshubPageConfig(text).filter((r) => r.selected);
      if (extra) {
        const user = await read(extra);
        routes.push(...readRsshubPageConfig(user).filter((r) => r.selected), ...readRsshubPageDiy(user));
      }
      entries = routes.map(({ route, url, category, site, channel }) => ({ ...(route ? { route } : { url: url! }), category, site, channel }));
    } else if (kind === 'opml') {
      entries = readOpml(await read(path)).map((f) => {
        const [category = 'Imported', site = f.title] = f.folders.length >= 2 ? f.folders : [f.folders[0] ?? 'Imported', f.title];
        return entryFor(ctx, f.xmlUrl, { category, site, channel: f.title });
      });
    } else throw new BroadsheetError('cli.usage', USAGE);
    const r = await editSources(ctx.config.file, () => ({ add: entries }));
    io.out(`${entries.length} sources read from ${path}: ${r.added} added to ${ctx.config.file}, ${entries.length - r.added} already there`);
    return 0;
  },
};
