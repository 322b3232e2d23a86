import type { ItemsPart } from './parts/items.js';
import type { OutputPart } from './parts/outputs.js';
import type { RunsPart } from './parts/runs.js';
import type { SourcesPart } from './parts/sources.js';
import type { HostsPart } from './parts/hosts.js';
import type { InstancesPart } from './parts/instances.js';
import type { StoriesPart } from './parts/stories.js';

export type { ItemsPart, ItemOrigin, StoredItem, StoredArticle, ItemSummary, ItemPlace, ItemCard, ItemFields, ItemOf, ItemCursor, ItemFilter, ItemQuery, ItemPage, NameCount, NameCounts, UpsertResult, Upserted } from './parts/items.js';
export type { SourcesPart, SourceError, SourceHealth, SourceRecord, Lease, ClaimOptions, LeaseHeld, Timing } from './parts/sources.js';
export type { OutputPart, OutputFile, Output, OutputCounts } from './parts/outputs.js';
export type { RunsPart, RunRecord, RunLock } from './parts/runs.js';
export type { HostsPart } from './parts/hosts.js';
export type { InstancesPart, InstanceHealth } from './parts/instances.js';
export type { StoriesPart, StoryDecision, StoryReports } from './parts/stories.js';

/**
 * The only way the pipeline and the outputs reach stored state: a few cohesive parts, one contract
 * suite (test/store/contract.ts) for every engine. SQLite (embedded, the default) or PostgreSQL (several processes on several machines).
 */
export interface Store {
  readonly sources: SourcesPart;
  readonly items: ItemsPart;
  /** The manifest and state of one named output. */
  outputs(name: string): OutputPart;
  readonly runs: RunsPart;
  readonly hosts: HostsPart;
  /** RSSHub instances' health (`rsshub.instances`). */
  readonly instances: InstancesPart;
  /** Stories across outlets (issue 23). */
  readonly stories: StoriesPart;
  /** The SQLite file, which another thread may open to read in parallel; null for PostgreSQL (and a store in memory). */
  readonly file: string | null;
  close(): Promise<void>;
}
