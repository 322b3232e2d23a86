export { openSqliteStore } from './sqlite/store.js';
export type { Store, StoredItem, SourceHealth, SourceError, UpsertResult, PostRecord, Retention, RunRecord, ItemOrigin, StorableItem } from './types.js';
