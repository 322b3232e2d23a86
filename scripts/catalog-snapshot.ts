// `npm run catalog-snapshot -- <routes.json | docs folder | https://instance/api/namespace>`: the route
// catalog shipped in the package (src/catalog/snapshot.json.gz), without the long descriptions.
// Refresh it from a current RSSHub (its /api/namespace, or a build's assets/build/routes.json) before a release.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { readCatalogPath, readCatalogText, SNAPSHOT_FILE, type Catalog } from '../src/catalog/index.js';

const from = process.argv[2];
if (!from) {
  console.error('usage: npm run catalog-snapshot -- <routes.json | folder | URL of /api/namespace>');
  process.exit(2);
}
const entries = /^https?:\/\//.test(from) ? readCatalogText(await (await fetch(from)).text(), from) : await readCatalogPath(from);
const catalog: Catalog = { source: `RSSHub's route list (${from.replace(/^.*\//, '')})`, readAt: new Date().toISOString(), shipped: true, entries: entries.map((e) => ({ ...e, description: '' })) };
writeFileSync(fileURLToPath(SNAPSHOT_FILE), gzipSync(JSON.stringify(catalog), { level: 9 }));
console.log(`${fileURLToPath(SNAPSHOT_FILE)}: ${entries.length} routes`);
