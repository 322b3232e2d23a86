export { readLegacyDocs } from './legacy-docs.js';
export { readV2Docs } from './v2-docs.js';
export { readNamespaces } from './namespaces.js';
export { readCatalogText, readCatalogPath } from './read.js';
export { catalogLookup, searchCatalog } from './lookup.js';
export type { CatalogLookup } from './lookup.js';
export { CATEGORIES, categoryNames, categoryKeyOf } from './categories.js';
export type { Catalog, CatalogEntry } from './types.js';
export { bundledCatalog, SNAPSHOT_FILE } from './snapshot.js';
