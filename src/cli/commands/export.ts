import { writeFile } from 'node:fs/promises';
import { BroadsheetError } from '../../shared/index.js';
import { opmlFeedOf } from '../../sources/index.js';
import { writeOpml } from '../../shared/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';

export const exportCommand: Command = {
  name: 'export',
  usage: 'opml [--output <file>]',
  summary: 'the sources as OPML (category → site → channel; no access key)',
  options: { output: { type: 'string', short: 'o', description: 'file to write (default: stdout)' } },
  async run(values, positionals, io) {
    if (positionals[0] !== 'opml') throw new BroadsheetError('cli.usage', 'usage: broadsheet export opml [--output <file>]');
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const text = ctx.redact(writeOpml(ctx.sources.map(opmlFeedOf), 'Broadsheet sources', ctx.now()));
    if (typeof values.output === 'string') await writeFile(values.output, text);
    else io.out(text);
    return 0;
  },
};
