import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BroadsheetError, createRedactor, writeFileAtomic } from '../shared/index.js';
import type { Config } from '../config/index.js';
import { bundledCatalog, readCatalogPath, readCatalogText, type Catalog, type CatalogEntry } from '../catalog/index.js';
import { createFetcher } from '../fetch/index.js';
import type { Source } from '../sources/index.js';

/** The catalog cache lives beside the store. */
export const catalogPath = (config: Config): string => join(dirname(config.store.path), 'catalog.json');

/** The cached catalog, else the one shipped in the package. A cache that cannot be read is an error that says so. */
export function loadCatalog(config: Config): Catalog {
  const path = catalogPath(config);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return bundledCatalog();
    throw new BroadsheetError('catalog.corrupt', `cannot read the catalog cache ${path}: ${(e as Error).message}`, { file: path }, { cause: e });
  }
  try {
    const catalog = JSON.parse(text) as Partial<Catalog>;
    if (!Array.isArray(catalog.entries)) throw new Error('it holds no list of routes');
    return catalog as Catalog;
  } catch (e) {
    throw new BroadsheetError('catalog.corrupt', `the catalog cache ${path} is corrupt (${(e as Error).message}): run \`broadsheet catalog update\` to rebuild it, or delete it`, { file: path }, { cause: e });
  }
}

/**
 * `catalog update`: the instance's `/api/namespace` (access key applied), or `from`: a file, a
 * folder of docs pages, or a URL of any catalog format. Written atomically to the cache.
 */
export interface CatalogUpdate {
  catalog: Catalog;
  /** How many routes the cache held before, or null when there was none. */
  previous: number | null;
}

/** `merge`: keep the routes the new reading lacks (a partial docs folder adds to the catalog instead of replacing it). */
export async function updateCatalog(config: Config, from: string | undefined, now: Date, o: { merge?: boolean } = {}): Promise<CatalogUpdate> {
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
    // The one redactor: keys in the query, credentials, every instance's key in any form.
    const redact = createRedactor(config.rsshub.instances.map((i) => i.key));
    if (r.kind !== 'ok') {
      const why = r.kind === 'failed' ? r.error.message : 'not modified';
      throw new BroadsheetError('catalog.fetch', `cannot fetch the catalog from ${redact(url)}: ${why}`, { url: redact(url) });
    }
    entries = readCatalogText(r.text, url);
    source = url;
  }
  if (entries.length === 0) throw new BroadsheetError('catalog.read', `${source} holds no routes`, { file: source });
  let before: Catalog | null = null;
  try {
    before = loadCatalog(config);
  } catch {
    // A cache that cannot be read is replaced.
  }
  if (o.merge && before) {
    const fresh = new Set(entries.map((e) => e.route));
    entries = [...entries, ...before.entries.filter((e) => !fresh.has(e.route))];
  }
  const catalog: Catalog = { source, readAt: now.toISOString(), entries };
  await writeFileAtomic(catalogPath(config), JSON.stringify(catalog));
  return { catalog, previous: before?.entries.length ?? null };
}
