import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BroadsheetError } from '../../shared/index.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import { damaged } from './guard.js';

/** Open (creating if needed) and migrate the database file: WAL, foreign writers wait rather than fail. */
export function openDatabase(path: string): Database.Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    // Waiting first: a second process opening a new store meets the first one's locks while it sets up.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Readers page through lists: a fixed 64 MB page cache (not growing with the store) keeps them off the disk.
    db.pragma('cache_size = -65536');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new BroadsheetError('store.open', `${path} was written by a newer Broadsheet (schema ${version}, this one knows ${SCHEMA_VERSION})`, { file: path });
    }
    migrate(db);
    return db;
  } catch (e) {
    if (e instanceof BroadsheetError) throw e;
    throw damaged(e, path) ?? new BroadsheetError('store.open', `cannot open the store ${path}: ${(e as Error).message}`, { file: path }, { cause: e });
  }
}
