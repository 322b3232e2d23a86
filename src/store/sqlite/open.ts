import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BroadsheetError } from '../../shared/index.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import { damaged } from './guard.js';
import { unbuilt } from './native.js';

/** How long opening waits for other processes setting up the same new store (all migrate in turns). */
const SETUP_MS = 30_000;
const pause = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const busy = (e: unknown): boolean => /^SQLITE_BUSY/.test(String((e as { code?: unknown } | null)?.code ?? ''));

/**
 * WAL, then the migrations. Several processes meeting a new file take turns; SQLite gives up some of
 * those locks without waiting (switching to WAL), so a busy answer is tried again until SETUP_MS.
 */
function setUp(db: Database.Database, path: string): void {
  const until = Date.now() + SETUP_MS;
  for (let wait = 10; ; wait = Math.min(wait * 2, 500)) {
    try {
      db.pragma('journal_mode = WAL');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new BroadsheetError('store.open', `${path} was written by a newer Broadsheet (schema ${version}, this one knows ${SCHEMA_VERSION})`, { file: path });
      migrate(db);
      return;
    } catch (e) {
      if (!busy(e) || Date.now() > until) throw e;
      pause(wait);
    }
  }
}

/** Open (creating if needed) and migrate the database file: WAL, foreign writers wait rather than fail. */
export function openDatabase(path: string): Database.Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma(`busy_timeout = ${SETUP_MS}`);
      setUp(db, path);
    } catch (e) {
      db.close();
      throw e;
    }
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // SQLite's own page cache stays at its 2 MB default: the system caches the file, and a 64 MB cache
    // made no build faster, only every process's memory grow with the store up to 64 MB (tried).
    return db;
  } catch (e) {
    if (e instanceof BroadsheetError) throw e;
    throw damaged(e, path) ?? unbuilt(e) ?? new BroadsheetError('store.open', `cannot open the store ${path}: ${(e as Error).message}`, { file: path }, { cause: e });
  }
}
