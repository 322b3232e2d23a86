import type { Row, StoreTables, TableSpec } from '../copy.js';
import { TABLES } from '../copy.js';
import { migrate } from './migrations.js';
import { openPool, transaction } from './db.js';
import { postgresDialect, postgresPort } from './port.js';

/** The PostgreSQL database's tables for `store copy` (made or brought up to date first). */
export async function openPostgresTables(url: string): Promise<StoreTables> {
  const db = await openPool({ connectionString: url, max: 2, application_name: 'broadsheet copy' });
  await migrate(db);
  const placeholders = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');
  return {
    read: async (t: TableSpec, from, limit) => {
      const where = from ? ` WHERE (${t.key.join(', ')}) > (${placeholders(1, t.key.length)})` : '';
      const args = [...(from ?? []), limit];
      return (await db.query(`SELECT ${t.columns.join(', ')} FROM ${t.name}${where} ORDER BY ${t.key.join(', ')} LIMIT $${args.length}`, args)).rows as Row[];
    },
    write: (t, rows) =>
      transaction(db, async (c) => {
        // One statement per page: each column as an array, unnested into rows.
        const arrays = t.columns.map((col) => rows.map((r) => r[col] ?? null));
        const cols = t.columns.map((col, i) => `$${i + 1}::${t.numbers?.includes(col) ? 'bigint' : 'text'}[]`);
        await c.query(`INSERT INTO ${t.name} (${t.columns.join(', ')}) SELECT * FROM unnest(${cols.join(', ')})`, arrays);
      }),
    rowCount: async () => {
      let n = 0;
      for (const t of TABLES) n += ((await db.query(`SELECT count(*)::int AS n FROM ${t.name}`)).rows[0] as { n: number }).n;
      return n;
    },
    lastSeq: () => postgresPort(db).tx(() => postgresDialect.lastSeq(), 'seq'),
    setLastSeq: async (seq) => void (await db.query(seq > 0 ? 'SELECT setval($1, $2, true)' : 'SELECT setval($1, 1, false)', seq > 0 ? ['item_seq', seq] : ['item_seq'])),
    close: () => db.end(),
  };
}
