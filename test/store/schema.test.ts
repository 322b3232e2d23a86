import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, openSqliteStore } from '../../src/store/index.js';
import { createTable, POSTGRES_DDL, SCHEMA, SQLITE_DDL } from '../../src/store/schema.js';
import { noteMissingPostgres, postgresAvailable, startPostgres, type PgCluster } from '../helpers/postgres.js';
import { tempDir } from '../helpers/workspace.js';

/** A database's tables as the schema describes them: columns (name, type, not null, default, generated) and indexes. */
type Catalog = Record<string, { columns: string[]; indexes: string[] }>;

/** Tables an engine keeps for itself: SQLite's change counter and AUTOINCREMENT's, PostgreSQL's version. */
const ENGINE_OWN = new Set(['counters', 'sqlite_sequence', 'schema_version']);

const sqliteType = (t: string): string => ({ TEXT: 'text', INTEGER: 'int' })[t] ?? t;
const pgType = (t: string): string => ({ text: 'text', integer: 'int', bigint: 'bigint' })[t] ?? t;
const KEYS = new Map(SCHEMA.map((t) => [t.name, new Set(t.key)]));
/** A key column counts as not null (SQLite lets a one-column TEXT key hold NULL unless told; the store never writes one). */
const column = (table: string, name: string, type: string, notNull: boolean, generated: boolean) =>
  `${name} ${type}${notNull || KEYS.get(table)?.has(name) ? ' not null' : ''}${generated ? ' generated' : ''}`;

/** What SCHEMA says, in the words each catalog reads (SQLite has no bigint; a primary key is not null in PostgreSQL). */
function expected(engine: 'sqlite' | 'postgres'): Catalog {
  const out: Catalog = {};
  for (const t of SCHEMA) {
    out[t.name] = {
      columns: t.columns.map((c) => {
        const type = c.type === 'serial' ? (engine === 'sqlite' ? 'int' : 'bigint') : engine === 'sqlite' && c.type === 'bigint' ? 'int' : c.type;
        return column(t.name, c.name, type, c.notNull === true, c.generated !== undefined);
      }).sort(),
      indexes: (t.indexes ?? []).map((i) => `${i.name}${i.unique ? ' unique' : ''} (${i.on.join(', ')})${i.where ? ` where ${i.where}` : ''}`).sort(),
    };
  }
  return out;
}

function sqliteCatalog(db: Database.Database): Catalog {
  const out: Catalog = {};
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]) {
    if (ENGINE_OWN.has(name)) continue;
    const columns = (db.prepare('SELECT name, type, "notnull" AS nn, hidden FROM pragma_table_xinfo(?)').all(name) as { name: string; type: string; nn: number; hidden: number }[])
      .map((c) => column(name, c.name, sqliteType(c.type), c.nn === 1, c.hidden > 0)).sort();
    const indexes = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(name) as { sql: string }[])
      .map(({ sql }) => {
        const m = /^CREATE (UNIQUE )?INDEX (\w+) ON \w+\s*\((.*)\)(?: WHERE (.*))?$/s.exec(sql)!;
        return `${m[2]}${m[1] ? ' unique' : ''} (${m[3]!.replace(/\s+/g, ' ')})${m[4] ? ` where ${m[4]}` : ''}`;
      }).sort();
    out[name] = { columns, indexes };
  }
  return out;
}

async function postgresCatalog(url: string): Promise<Catalog> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    const out: Catalog = {};
    const cols = (await c.query("SELECT table_name, column_name, data_type, is_nullable, is_generated FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name")).rows as Array<Record<string, string>>;
    for (const r of cols) {
      if (ENGINE_OWN.has(r.table_name!)) continue;
      (out[r.table_name!] ??= { columns: [], indexes: [] }).columns.push(column(r.table_name!, r.column_name!, pgType(r.data_type!), r.is_nullable === 'NO', r.is_generated === 'ALWAYS'));
    }
    // Indexes made by constraints (primary keys, UNIQUE) are the tables' keys, not the schema's indexes.
    const idx = (await c.query("SELECT tablename, indexname, indexdef FROM pg_indexes i WHERE schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)")).rows as Array<Record<string, string>>;
    for (const r of idx) {
      const m = /^CREATE (UNIQUE )?INDEX (\w+) ON public\.\w+ USING btree \((.*?)\)(?: WHERE \((.*)\))?$/.exec(r.indexdef!)!;
      out[r.tablename!]!.indexes.push(`${m[2]}${m[1] ? ' unique' : ''} (${m[3]})${m[4] ? ` where ${m[4]}` : ''}`);
    }
    for (const t of Object.values(out)) t.columns.sort(), t.indexes.sort();
    return out;
  } finally {
    await c.end();
  }
}

let ws: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  ws = await tempDir();
});
afterAll(() => ws?.cleanup());

describe('the schema as data (src/store/schema.ts)', () => {
  it('is what SQLite migrations make, and what its DDL makes from nothing', async () => {
    const migrated = join(ws.dir, 'migrated.db');
    await openSqliteStore(migrated).close();
    const db = new Database(migrated);
    expect(sqliteCatalog(db)).toEqual(expected('sqlite'));
    db.close();
    const made = new Database(':memory:');
    for (const t of SCHEMA) for (const statement of createTable(t, SQLITE_DDL)) made.exec(statement);
    expect(sqliteCatalog(made)).toEqual(expected('sqlite'));
  });

  const available = postgresAvailable();
  if (!available) noteMissingPostgres();
  describe.skipIf(!available)('on PostgreSQL', () => {
    let cluster: PgCluster;
    beforeAll(async () => {
      cluster = await startPostgres();
    }, 60_000);
    afterAll(() => cluster?.stop());

    it('is what PostgreSQL migrations make, and what its DDL makes from nothing', async () => {
      const migrated = await cluster.newDatabase();
      await (await openPostgresStore(migrated)).close();
      expect(await postgresCatalog(migrated)).toEqual(expected('postgres'));
      const made = await cluster.newDatabase();
      const c = new pg.Client(made);
      await c.connect();
      for (const t of SCHEMA) for (const statement of createTable(t, POSTGRES_DDL)) await c.query(statement);
      await c.end();
      expect(await postgresCatalog(made)).toEqual(expected('postgres'));
    }, 60_000);
  });
});
