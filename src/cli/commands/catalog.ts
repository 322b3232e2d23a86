import { BroadsheetError } from '../../shared/index.js';
import { updateCatalog } from '../../pipeline/index.js';
import { CONFIG_OPTION, type Command } from '../command.js';
import { loadContext } from '../context.js';

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'catalog update [--from <file|folder|URL>]: read RSSHub’s route catalog (default: the instance’s /api/namespace)',
  options: { config: CONFIG_OPTION, from: { type: 'string', description: 'a routes.json / /api/namespace file or URL, or a folder of route docs' } },
  async run(values, positionals, io) {
    if (positionals[0] !== 'update') throw new BroadsheetError('cli.usage', 'usage: broadsheet catalog update [--from <file|folder|URL>]');
    const ctx = await loadContext(String(values.config), io, false, true);
    const catalog = await updateCatalog(ctx.config, typeof values.from === 'string' ? values.from : undefined, ctx.now());
    const sites = new Set(catalog.entries.map((e) => `${e.categoryKey}/${e.site}`)).size;
    io.out(ctx.redact(`${catalog.entries.length} routes in ${sites} sites from ${catalog.source}`));
    return 0;
  },
};
