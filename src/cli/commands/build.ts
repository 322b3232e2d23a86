import { siteSettings } from '../../config/index.js';
import { buildSite } from '../../site/index.js';
import { publicUrls } from '../../sources/index.js';
import { applyRules, groupStories, siteThumbnails, withRunLock } from '../../pipeline/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'build the website from the store into site.out (no fetching)',
  options: {
    full: { type: 'boolean', description: 'build every page (and index everything for search), not only what changed since the last build' },
    'search-archive': { type: 'boolean', description: "move the search index's recent items into its archive now (it does so by itself past 1,000)" },
  },
  async run(values, _, io) {
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const site = siteSettings(ctx.config);
    const store = await ctx.openStore();
    try {
      const started = Date.now();
      const thumbnails = await siteThumbnails(ctx.config);
      // The rules first: what they hide now is left out of this build.
      const r = await withRunLock(store, ctx.now, async () => {
        await applyRules(ctx.config, ctx.sources, store, ctx.now());
        await groupStories(ctx.config, store, ctx.now());
        return buildSite(store, site, { full: values.full === true, searchArchive: values.searchArchive === true, sources: ctx.sources, now: ctx.now(), rsshubInstances: ctx.config.rsshub.instances.map((i) => i.url), publicUrls: publicUrls(ctx.sources, ctx.config.rsshub.instance), thumbnails });
      });
      const took = ((Date.now() - started) / 1000).toFixed(1);
      if (r.notice) io.out(r.notice);
      for (const line of r.refused) io.err(line);
      io.out(`site: ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed files (${r.full ? 'full build' : `${r.articles} articles rebuilt`}) in ${took}s`);
      if (r.search) io.out(`search: ${r.search.tiers} tiers, ${r.search.rebuilt} indexed again (${r.search.indexed} items)`);
      io.out(`broadsheet serve shows ${site.out} as it will be at ${site.url}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
