export { loadConfig, parseConfig } from './load.js';
export { parseDurationMs, parseSizeBytes } from './units.js';
export type { Config, SourceConfig, FetchSettings, RsshubSettings, HexoSettings, RetentionSettings, StoreSettings } from './types.js';
export { editSources } from './edit.js';
export type { SourceEntry } from './edit.js';
