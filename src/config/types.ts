import type { z } from 'zod';
import type { configSchema } from './schema.js';

/** The config as the schema gives it, before lines are added. */
export type ParsedConfig = z.output<ReturnType<typeof configSchema>>;

/** One rule as written (patterns compiled), with its line: what the report and `rules test` call it. */
export type RuleConfig = ParsedConfig['rules'][number] & { line: number };
/** One entry of `sources:` as written (file paths resolved), with its line for error messages. */
export type SourceConfig = Omit<ParsedConfig['sources'][number], 'rules'> & { line: number; rules?: RuleConfig[] };
export type RsshubSettings = ParsedConfig['rsshub'];
export type FetchSettings = ParsedConfig['fetch'];
export type HexoSettings = ParsedConfig['hexo'];
export type RetentionSettings = ParsedConfig['retention'];
export type StoreSettings = ParsedConfig['store'];
export type SiteSettings = NonNullable<ParsedConfig['site']>;

/** The resolved configuration: what the schema made of broadsheet.yml, plus where it was read from. */
export type Config = Omit<ParsedConfig, 'sources' | 'rules'> & { file: string; sources: SourceConfig[]; rules: RuleConfig[] };
