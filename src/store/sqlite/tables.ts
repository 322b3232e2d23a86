import type { Row, StoreTables, TableSpec } from '../copy.js';
import { TABLES } from '../copy.js';
import { openDatabase } from './open.js';

/** The SQLite file's tables for `store copy` (made or brought up to date first). */
export function openSqliteTables(path: string): StoreTables {
  const db = openDatabase(path);
  const after = (t: TableSpec) => `(${t.key.join(', ')}) > (${t.key.map(() => '?').join(', ')})`;
  return {
    read: async (t, from, limit) =>
      db.prepare(`SELECT ${t.columns.join(', ')} FROM ${t.name}${from ? ` WHERE ${after(t)}` : ''} ORDER BY ${t.key.join(', ')} LIMIT ?`).all(...(from ?? []), limit) as Row[],
    write: async (t, rows) => {
      const insert = db.prepare(`INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES (${t.columns.map((c) => `@${c}`).join(', ')})`);
      db.transaction(() => rows.forEach((r) => insert.run(r)))();
    },
    rowCount: async () => TABLES.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t.name}`).get() as { n: number }).n, 0),
    lastSeq: async () => (db.prepare("SELECT value FROM counters WHERE name = 'item_seq'").get() as { value: number }).value,
    setLastSeq: async (seq) => void db.prepare("UPDATE counters SET value = ? WHERE name = 'item_seq'").run(seq),
    close: async () => void db.close(),
  };
}
