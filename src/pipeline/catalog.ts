import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BroadsheetError, writeFileAtomic } from '../shared/index.js';
import type { Config } from '../config/index.js';
import { readCatalogPath, readCatalogText, type Catalog, type CatalogEntry } from '../catalog/index.js';
import { createFetcher } from '../fetch/index.js';
import type { Source } from '../sources/index.js';

/** The catalog cache lives beside the store. */
export const catalogPath = (config: Config): string => join(dirname(config.store.path), 'catalog.json');

export async function loadCatalog(config: Config): Promise<Catalog | null> {
  try {
    return JSON.parse(await readFile(catalogPath(config), 'utf8')) as Catalog;
  } catch {
    return null;
  }
}

/**
 * `catalog update`: the instance's `/api/namespace` (access key applied), or `from`: a file, a
 * folder of docs pages, or a URL of any catalog format. Written atomically to the cache.
 */
export async function updateCatalog(config: Config, from: string | undefined, now: Date): Promise<Catalog> {
  let entries: CatalogEntry[];
  let source: string;
  if (from && !/^https?:\/\//i.test(from)) {
    entries = await readCatalogPath(from);
    source = from;
  } else {
    const onInstance = !from || from.startsWith(config.rsshub.instance);
    const url = from ?? `${config.rsshub.instance}/api/namespace`;
    const src: Source = { id: 'catalog', url, kind: onInstance ? 'rsshub' : 'feed', category: '', site: '', channel: '', options: { items: 0 } };
    const fetcher = createFetcher({ ...config.fetch, maxBodyBytes: Math.max(config.fetch.maxBodyBytes, 64 * 2 ** 20) }, config.rsshub);
    const r = await fetcher(src, {}, { force: true });
    if (r.kind !== 'ok') {
      const why = r.kind === 'failed' ? r.error.message : 'not modified';
      throw new BroadsheetError('catalog.fetch', `cannot fetch the catalog from ${url.replace(/[?&](key|code)=[^&]*/g, '')}: ${why}`, { url });
    }
    entries = readCatalogText(r.text, url);
    source = url;
  }
  if (entries.length === 0) throw new BroadsheetError('catalog.read', `${source} holds no routes`, { file: source });
  const catalog: Catalog = { source, readAt: now.toISOString(), entries };
  await writeFileAtomic(catalogPath(config), JSON.stringify(catalog));
  return catalog;
}
