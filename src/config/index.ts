export { loadConfig, parseConfig } from './load.js';
export { parseDurationMs, parseSizeBytes } from './units.js';
export type { Config, SourceConfig, FetchSettings, RsshubSettings, HexoSettings, RetentionSettings } from './types.js';
