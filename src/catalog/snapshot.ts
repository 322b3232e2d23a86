import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Catalog } from './types.js';

/**
 * The route catalog shipped in the package (`npm run catalog-snapshot` writes it from RSSHub's own
 * route list; MIT, © DIYgod and contributors): `sources search`, `sources list` and route names work on a
 * fresh install, offline. `catalog update` reads the instance's current list over it.
 */
export const SNAPSHOT_FILE = new URL('./snapshot.json.gz', import.meta.url);

export function bundledCatalog(): Catalog {
  return JSON.parse(gunzipSync(readFileSync(SNAPSHOT_FILE)).toString('utf8')) as Catalog;
}
