import type { z } from 'zod';
import type { configSchema } from './schema.js';

type Parsed = z.output<ReturnType<typeof configSchema>>;

/** One entry of `sources:` as written (file paths resolved), with its line for error messages. */
export type SourceConfig = Parsed['sources'][number] & { line: number };
export type RsshubSettings = Parsed['rsshub'];
export type FetchSettings = Parsed['fetch'];
export type HexoSettings = Parsed['hexo'];
export type RetentionSettings = Parsed['retention'];
export type StoreSettings = Parsed['store'];
export type SiteSettings = NonNullable<Parsed['site']>;

/** The resolved configuration: what the schema made of broadsheet.yml, plus where it was read from. */
export type Config = Omit<Parsed, 'sources'> & { file: string; sources: SourceConfig[] };
