import type { z } from 'zod';
import type { configSchema } from './schema.js';

type Parsed = z.output<ReturnType<typeof configSchema>>;

/** One rule as written (patterns compiled), with its line: what the report and `rules test` call it. */
export type RuleConfig = Parsed['rules'][number] & { line: number };
/** One entry of `sources:` as written (file paths resolved), with its line for error messages. */
export type SourceConfig = Omit<Parsed['sources'][number], 'rules'> & { line: number; rules?: RuleConfig[] };
export type RsshubSettings = Parsed['rsshub'];
export type FetchSettings = Parsed['fetch'];
export type HexoSettings = Parsed['hexo'];
export type RetentionSettings = Parsed['retention'];
export type StoreSettings = Parsed['store'];
export type SiteSettings = NonNullable<Parsed['site']>;

/** The resolved configuration: what the schema made of broadsheet.yml, plus where it was read from. */
export type Config = Omit<Parsed, 'sources' | 'rules'> & { file: string; sources: SourceConfig[]; rules: RuleConfig[] };
