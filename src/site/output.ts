import type { SiteSettings } from '../config/index.js';
import type { Output } from '../store/index.js';
import { buildSite, SITE_OUTPUT, type BuildOptions } from './build.js';

/** The website as one of the outputs `publish` walks. */
export const siteOutput = (site: SiteSettings, o: BuildOptions = {}): Output => ({
  name: SITE_OUTPUT,
  publish: async (store) => {
    const { created, updated, unchanged, removed, refused, notice } = await buildSite(store, site, o);
    return { created, updated, unchanged, removed, refused, ...(notice ? { notice } : {}) };
  },
});
