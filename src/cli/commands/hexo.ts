import { syncPosts } from '../../hexo/index.js';
import { applyRules, withRunLock } from '../../pipeline/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';

export const hexoCommand: Command = {
  name: 'hexo',
  summary: 'write the Hexo posts of everything stored (no fetching)',
  options: {},
  async run(values, _, io) {
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const store = await ctx.openStore();
    try {
      // By hand, every stored item is looked at: files that went missing are written again.
      const r = await withRunLock(store, ctx.now, async () => {
        await applyRules(ctx.config, ctx.sources, store, ctx.now());
        return syncPosts(store, ctx.config.hexo, { full: true });
      });
      if (r.notice) io.out(r.notice);
      for (const line of r.refused) io.err(line);
      io.out(`posts: ${r.created.length} new, ${r.updated.length} updated, ${r.unchanged.length} unchanged, ${r.removed.length} removed in ${ctx.config.hexo.postsDir}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
