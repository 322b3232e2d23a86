import type { Store } from '../types.js';
import { sqlStore } from '../sql/store.js';
import { openDatabase } from './open.js';
import { guardStore } from './guard.js';
import { sqlitePort } from './port.js';

/** The Store on one SQLite file (better-sqlite3: synchronous, so each method is one short transaction). */
export function openSqliteStore(path: string): Store {
  const db = openDatabase(path);
  return guardStore(sqlStore(sqlitePort(db), async () => void db.close(), path === ':memory:' ? null : path), path);
}
