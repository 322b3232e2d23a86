import { BroadsheetError } from '../../shared/index.js';
import { importHexo } from '../../pipeline/index.js';
import { CONFIG_OPTION, type Command } from '../command.js';
import { loadContext } from '../context.js';

const KINDS = ['hexo'] as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'import hexo <posts dir>: bring posts of the original system into the store',
  options: { config: CONFIG_OPTION },
  async run(values, positionals, io) {
    const [kind, dir] = positionals;
    if (!KINDS.includes(kind as (typeof KINDS)[number]) || !dir) {
      throw new BroadsheetError('cli.usage', `usage: broadsheet import ${KINDS.join('|')} <posts dir>`);
    }
    const ctx = await loadContext(String(values.config), io);
    const store = ctx.openStore();
    try {
      const r = await importHexo(dir, store, { sources: ctx.sources, postsDir: ctx.config.hexo.postsDir, now: ctx.now() });
      for (const e of r.failed) io.err(`skipped ${e.message}`);
      io.out(`${r.files} posts read: ${r.imported} imported, ${r.unchanged} already stored, ${r.failed.length} unreadable`);
      io.out('`broadsheet hexo` writes them into the posts folder');
      return r.failed.length && r.imported === 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
