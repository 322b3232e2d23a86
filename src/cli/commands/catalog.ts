import { BroadsheetError } from '../../shared/index.js';
import { updateCatalog } from '../../pipeline/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';

export const catalogCommand: Command = {
  name: 'catalog',
  usage: 'update [--from <file|folder|URL>] [--merge]',
  summary: 'read RSSHub’s route catalog (default: the instance’s /api/namespace)',
  options: {
    from: { type: 'string', description: 'a routes.json / /api/namespace file or URL, or a folder of route docs (subfolders too)' },
    merge: { type: 'boolean', description: 'keep the routes of the current catalog that the new reading lacks' },
  },
  async run(values, positionals, io) {
    if (positionals[0] !== 'update') throw new BroadsheetError('cli.usage', 'usage: broadsheet catalog update [--from <file|folder|URL>]');
    const ctx = await loadContext(String(values.config), io, values.verbose === true, true);
    const { catalog, previous } = await updateCatalog(ctx.config, typeof values.from === 'string' ? values.from : undefined, ctx.now(), { merge: values.merge === true });
    const sites = new Set(catalog.entries.map((e) => `${e.categoryKey}/${e.site}`)).size;
    io.out(ctx.redact(`${catalog.entries.length} routes in ${sites} sites from ${catalog.source}`));
    if (previous !== null && !values.merge && previous !== catalog.entries.length) {
      io.out(`replaced the catalog's ${previous.toLocaleString('en')} routes with ${catalog.entries.length.toLocaleString('en')} (--merge keeps the routes the new reading lacks)`);
    }
    return 0;
  },
};
