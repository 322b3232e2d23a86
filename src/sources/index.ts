export { sourcesFromConfig, normalizeRoute } from './from-config.js';
export { SOURCE_KINDS } from './types.js';
export type { Source, SourceKind, SourceNames, NameLookup } from './types.js';
