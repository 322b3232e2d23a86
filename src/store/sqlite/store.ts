import type { Source } from '../../sources/index.js';
import type { HttpCache } from '../../fetch/index.js';
import type { ItemOrigin, PostRecord, Retention, RunRecord, SourceError, StorableItem, Store, UpsertResult } from '../types.js';
import { openDatabase } from './open.js';
import { sourcesTable } from './sources.js';
import { itemsTable } from './items.js';
import { postsTable } from './posts.js';

/** The Store on one SQLite file (better-sqlite3: synchronous, so each method is one short transaction). */
export function openSqliteStore(path: string): Store {
  const db = openDatabase(path);
  const sources = sourcesTable(db);
  const items = itemsTable(db);
  const posts = postsTable(db);
  const run = db.prepare('INSERT INTO runs (started_at, finished_at, sources, failed, created, updated) VALUES (@startedAt, @finishedAt, @sources, @failed, @created, @updated)');
  const success = db.transaction((sourceId: string, list: readonly StorableItem[], o: { at: Date; latencyMs: number; cache: HttpCache; origin?: ItemOrigin }): UpsertResult => {
    const r = items.upsert(sourceId, list, o.at, o.origin ?? 'feed');
    sources.succeeded(sourceId, o.at, o.latencyMs, o.cache, r.created.length);
    return r;
  });
  return {
    syncSources: async (list: readonly Source[]) => sources.sync(list),
    health: async () => sources.all(),
    healthOf: async (id) => sources.one(id),
    recordSuccess: async (sourceId, list, o) => success(sourceId, list, o),
    importItems: async (sourceId, list, at) => db.transaction(() => items.upsert(sourceId, list, at, 'import'))(),
    recordNotModified: async (sourceId, o) => sources.succeeded(sourceId, o.at, o.latencyMs, o.cache, 0),
    recordFailure: async (sourceId, error: Omit<SourceError, 'at'>, o) => sources.failed(sourceId, error, o.at, o.latencyMs, o.nextAttemptAt),
    items: async () => items.all(),
    entryHashes: async (sourceId) => items.entryHashes(sourceId),
    prune: async (retention: Retention, now: Date) => items.prune(retention, now),
    posts: async () => posts.all(),
    savePost: async (p: PostRecord) => posts.save(p),
    forgetPost: async (itemId: string) => posts.forget(itemId),
    abbrlinks: async (ids) => posts.abbrlinks(ids),
    recordRun: async (r: RunRecord) => void run.run(r),
    close: async () => void db.close(),
  };
}
