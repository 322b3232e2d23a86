// Types of search.js, which the builder imports (the file itself is served to readers as written).
export const FORMAT: number;
export const CHAR: string;
export const CATEGORY: string;
export const SITE: string;
export function normalize(s: string): string;
export function tokenize(text: string, emit: (key: string | number) => void): void;
export function keyText(key: string | number): string;
export function keyOf(text: string): string | number;
export function parseQuery(query: string): string[][];
export function shardOf(key: string, shards: number): number;
export function keyHash(key: string): number;
export function readVarint(bytes: Uint8Array, at: { i: number }): number;
export function postingsOf(shard: Uint8Array, key: string): Map<number, number>;

export interface SearchHit {
  tier: number;
  doc: number;
  score: number;
}
export interface SearchDoc {
  url: string;
  title: string;
  date: string;
  site: string;
  channel: string;
  text: string;
}
export interface SearchManifest {
  format: number;
  /** Newest first. `gone`: documents whose items went or changed, as [first, last] ranges; `order`: documents appended since the tier was indexed, [document, the first-indexed one before it], in newest-first order; `delta`: how many shards (`a<k>.bin`) the appended ones' postings take. */
  tiers: Array<{ dir: string; shards: number; docs: number; oldestFirst?: boolean; gone?: Array<[number, number]>; order?: Array<[number, number]>; delta?: number }>;
}
export function createSearch(load: (path: string) => Promise<Uint8Array | null>): {
  manifest(): Promise<SearchManifest>;
  query(text: string, opts?: { category?: string; site?: string; sort?: 'newest' | 'relevance' }): Promise<SearchHit[]>;
  doc(hit: SearchHit): Promise<SearchDoc | null>;
};
