import { resolve } from 'node:path';
import { createLogger, createRedactor, type Logger, type Redactor } from '../shared/index.js';
import { loadConfig, type Config } from '../config/index.js';
import { sourcesFromConfig, type Source } from '../sources/index.js';
import { createFetchers, type Fetcher, type PageFetcher, type PictureFetcher } from '../fetch/index.js';
import { openStore, type Store } from '../store/index.js';
import { catalogLookup, type Catalog, type CatalogLookup } from '../catalog/index.js';
import { loadCatalog } from '../pipeline/index.js';
import type { Io } from './io.js';

export interface Context {
  config: Config;
  sources: Source[];
  redact: Redactor;
  log: Logger;
  fetcher: Fetcher;
  /** The site's thumbnails' pictures, with the feeds' politeness. */
  pictures: PictureFetcher;
  /** Article pages (`fullText`), with the feeds' politeness and the pictures' rule on addresses. */
  pages: PageFetcher;
  now: () => Date;
  /** The configured store: PostgreSQL at store.url, else SQLite at store.path. */
  openStore: () => Promise<Store>;
  catalog: Catalog;
  lookup: CatalogLookup;
  fetch?: typeof globalThis.fetch;
}

/**
 * Load the config and wire the stages for one command. `lenient` (for `catalog update`) lets a
 * config whose routes still wait for the catalog's names load with no sources.
 */
const passwordOf = (url: string): string | undefined => (URL.canParse(url) ? decodeURIComponent(new URL(url).password) || undefined : undefined);

export async function loadContext(configPath: string, io: Io, verbose = false, lenient = false): Promise<Context> {
  const config = await loadConfig(resolve(io.cwd, configPath), { env: io.env });
  const redact = createRedactor([...config.rsshub.instances.flatMap((i) => [i.key, passwordOf(i.url)]), ...config.sources.flatMap((s) => [s.auth?.password, s.url ? passwordOf(s.url) : undefined])]);
  const log = createLogger((line) => io.err(line), { level: verbose ? 'debug' : 'warn', redact });
  // Read when first asked for: a config that names every source's category, site and channel needs
  // none of it (about 12 ms of every command).
  let known: { catalog: Catalog; lookup: CatalogLookup } | null = null;
  const catalog = () => (known ??= ((c) => ({ catalog: c, lookup: catalogLookup(c.entries) }))(loadCatalog(config)));
  let sources: Source[] = [];
  try {
    sources = sourcesFromConfig(config, (route) => {
      const e = catalog().lookup(route);
      return e ? { category: e.category.zh, site: e.site, channel: e.channel } : undefined;
    });
  } catch (e) {
    if (!lenient) throw e;
  }
  const now = io.now ?? (() => new Date());
  const fetchDeps = { redact, now, log, ...(io.fetch ? { fetch: io.fetch } : {}) };
  const { feeds: fetcher, pictures, pages } = createFetchers(config.fetch, config.rsshub, fetchDeps);
  return {
    config, sources, redact, log, fetcher, pictures, pages, now, openStore: () => openStore(config.store),
    get catalog() {
      return catalog().catalog;
    },
    lookup: (route) => catalog().lookup(route),
    ...(io.fetch ? { fetch: io.fetch } : {}),
  };
}
