export { loadConfig, parseConfig, siteSettings } from './load.js';
export { parseDurationMs, parseSizeBytes } from './units.js';
export type { Config, SourceConfig, RuleConfig, FetchSettings, RsshubSettings, HexoSettings, RetentionSettings, StoreSettings, SiteSettings } from './types.js';
export { editSources } from './edit.js';
export type { SourceEntry } from './edit.js';
export { ruleText, textPattern, RULE_FIELDS } from './rules.js';
export type { RuleText, TextPattern, RuleField } from './rules.js';
