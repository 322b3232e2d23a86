export { openSqliteStore } from './sqlite/store.js';
export type * from './types.js';
export { openPostgresStore } from './postgres/store.js';
export { openStore } from './open.js';
export { storeName } from './name.js';
export { inSeqOrder } from './batches.js';
export { copyTables, TABLES, type StoreTables } from './copy.js';
export { openSqliteTables } from './sqlite/tables.js';
export { openPostgresTables } from './postgres/tables.js';
