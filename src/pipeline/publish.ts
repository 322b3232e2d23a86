import type { Config } from '../config/index.js';
import type { Store } from '../store/index.js';
import { publicUrls, type Source } from '../sources/index.js';
import { HEXO_OUTPUT, syncPosts } from '../hexo/index.js';
import { buildSite, SITE_OUTPUT } from '../site/index.js';
import type { OutputCounts } from './types.js';
import { siteThumbnails } from './thumbnails.js';

export interface PublishOptions {
  /** Look at every stored item, not only what changed since the output's last pass. */
  full?: boolean;
  /** The configured sources (the site's sources page lists only these). */
  sources?: readonly Source[];
  now?: Date;
}

const counts = (r: { created: unknown[]; updated: unknown[]; unchanged: unknown[]; removed: unknown[]; refused: string[]; notice: string | null }): OutputCounts => ({
  created: r.created.length, updated: r.updated.length, unchanged: r.unchanged.length, removed: r.removed.length, refused: r.refused, ...(r.notice ? { notice: r.notice } : {}),
});

/**
 * Run each configured output from the store; each keeps its own manifest. Hexo posts are always
 * written, the site when `site:` is configured. `spentMs` (when given) gets each output's wall time.
 */
export async function publish(config: Config, store: Store, o: PublishOptions = {}, spentMs?: Record<string, number>): Promise<Record<string, OutputCounts>> {
  let t0 = performance.now();
  const outputs: Record<string, OutputCounts> = { [HEXO_OUTPUT]: counts(await syncPosts(store, config.hexo, o)) };
  if (spentMs) spentMs[HEXO_OUTPUT] = performance.now() - t0;
  if (config.site) {
    t0 = performance.now();
    const { created, updated, unchanged, removed, refused, notice } = await buildSite(store, config.site, { ...o, rsshubInstances: config.rsshub.instances.map((i) => i.url), publicUrls: publicUrls(o.sources ?? [], config.rsshub.instance), thumbnails: await siteThumbnails(config) });
    outputs[SITE_OUTPUT] = { created, updated, unchanged, removed, refused, ...(notice ? { notice } : {}) };
    if (spentMs) spentMs[SITE_OUTPUT] = performance.now() - t0;
  }
  return outputs;
}
