import type { Config } from '../config/index.js';
import type { Output, OutputCounts, Store } from '../store/index.js';
import { publicUrls, type Source } from '../sources/index.js';
import { hexoOutput } from '../hexo/index.js';
import { siteOutput } from '../site/index.js';
import { siteThumbnails } from './thumbnails.js';

export interface PublishOptions {
  /** Look at every stored item, not only what changed since the output's last pass. */
  full?: boolean;
  /** The configured sources (the site's sources page lists only these). */
  sources?: readonly Source[];
  now?: Date;
}

/** The configured outputs, in the order they run: Hexo posts always, the site when `site:` is configured. */
async function outputsOf(config: Config, o: PublishOptions): Promise<Output[]> {
  return [
    hexoOutput(config.hexo, o),
    ...(config.site
      ? [siteOutput(config.site, { ...o, rsshubInstances: config.rsshub.instances.map((i) => i.url), publicUrls: publicUrls(o.sources ?? [], config.rsshub.instance), thumbnails: await siteThumbnails(config) })]
      : []),
  ];
}

/** Run each configured output from the store; each keeps its own manifest. `spentMs` (when given) gets each output's wall time. */
export async function publish(config: Config, store: Store, o: PublishOptions = {}, spentMs?: Record<string, number>): Promise<Record<string, OutputCounts>> {
  const done: Record<string, OutputCounts> = {};
  for (const output of await outputsOf(config, o)) {
    const t0 = performance.now();
    done[output.name] = await output.publish(store);
    if (spentMs) spentMs[output.name] = performance.now() - t0;
  }
  return done;
}
