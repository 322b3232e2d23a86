import type { Store } from '../types.js';
import { openDatabase } from './open.js';
import { sourcesTable } from './sources.js';
import { itemsTable } from './items.js';
import { outputsTable } from './outputs.js';
import { hostsTable, runsTable } from './runs.js';
import { guardStore } from './guard.js';
import { instancesTable } from './instances.js';

/** The Store on one SQLite file (better-sqlite3: synchronous, so each method is one short transaction). */
export function openSqliteStore(path: string): Store {
  const db = openDatabase(path);
  const items = itemsTable(db);
  const outputs = outputsTable(db);
  return guardStore(
    {
      sources: sourcesTable(db, items.upsert, items.nextSeq),
      items: items.part,
      outputs,
      runs: runsTable(db),
      hosts: hostsTable(db),
      instances: instancesTable(db),
      close: async () => void db.close(),
    },
    path,
  );
}
