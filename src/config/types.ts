import type { RSSHUB_KEY_MODES } from './schema.js';

/** One entry of `sources:` as written, with its line for error messages. */
export interface SourceConfig {
  line: number;
  route?: string;
  url?: string;
  /** Absolute path (relative paths are read from the config file's folder). */
  file?: string;
  id?: string;
  category?: string;
  site?: string;
  channel?: string;
  items?: number;
}

export interface RsshubSettings {
  instance: string;
  key?: string;
  keyMode: (typeof RSSHUB_KEY_MODES)[number];
}

export interface FetchSettings {
  concurrency: number;
  perHost: number;
  timeoutMs: number;
  retries: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Items kept per source per run (the feed's first N). */
  items: number;
  userAgent: string;
}

export interface HexoSettings {
  postsDir: string;
  placeholder: string;
  keepTitle: boolean;
  /** Write a stable `abbrlink:` (hexo-abbrlink then has nothing to rewrite). */
  abbrlink: boolean;
}

export interface RetentionSettings {
  days?: number;
  perSource?: number;
}

export interface Config {
  file: string;
  rsshub: RsshubSettings;
  fetch: FetchSettings;
  sources: SourceConfig[];
  hexo: HexoSettings;
  store: { path: string };
  retention: RetentionSettings;
}
