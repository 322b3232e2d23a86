import { one, type Dialect, type Op, type Sql, type SqlPort } from '../sql/port.js';
import { LOCK, named, transaction, type Client, type Db } from './db.js';

export const postgresDialect: Dialect = {
  name: 'postgres',
  inList: (column, param) => `${column} = ANY(${param})`,
  typed: (param, type) => `${param}::${type === 'bool' ? 'boolean' : type}`,
  forUpdate: (alias) => ` FOR UPDATE OF ${alias}`,
  skipLocked: ' FOR UPDATE SKIP LOCKED',
  carriers: '(SELECT string_agg(source_id, chr(10) ORDER BY source_id = i.source_id DESC, first_seen_at, source_id) FROM item_sources WHERE item_id = i.id)',
  day: (column) => `to_char((${column}::timestamptz AT TIME ZONE 'UTC') + make_interval(mins => @offset::int), 'YYYY-MM-DD')`,
  lastChar: 'chr(1114111)',
  offset: (param) => `OFFSET ${param}`,
  nextSeq: "nextval('item_seq')",
  *lastSeq() {
    const s = (yield* one<{ last_value: number; is_called: boolean }>('SELECT last_value, is_called FROM item_seq'))!;
    return s.is_called ? s.last_value : 0;
  },
  rowsOf: (param, columns) => `jsonb_to_recordset(${param}::jsonb) AS r(${Object.entries(columns).map(([c, t]) => `${c} ${t === 'int' ? 'bigint' : 'text'}`).join(', ')})`,
};

async function answer(c: Client, op: Op): Promise<unknown> {
  switch (op.kind) {
    case 'rows':
      return (await c.query(named(op.sql, op.params))).rows;
    case 'run':
      return (await c.query(named(op.sql, op.params))).rowCount ?? 0;
    case 'insert': {
      // One statement for the lot: each column as an array, unnested into rows.
      const arrays = op.columns.map((col) => op.rows.map((r) => r[col] ?? null));
      const cols = op.columns.map((col, i) => `$${i + 1}::${op.ints.includes(col) ? 'bigint' : 'text'}[]`);
      const computed = Object.entries(op.computed);
      const r = await c.query(
        `INSERT INTO ${op.table} (${[...op.columns, ...computed.map(([k]) => k)].join(', ')}) SELECT ${['u.*', ...computed.map(([, v]) => v)].join(', ')} FROM unnest(${cols.join(', ')}) u ${op.conflict}${op.returning ? ` RETURNING ${op.returning}` : ''}`,
        arrays);
      return op.returning ? r.rows.map((row: Record<string, unknown>) => row[op.returning!]) : [];
    }
  }
}

async function drive<T>(c: Client, work: Sql<T>): Promise<T> {
  for (let step = work.next(); ; step = work.next(await answer(c, step.value))) if (step.done) return step.value;
}

/** The port on a pool: a statement alone on any connection, a transaction on one, with PostgreSQL's advisory locks. */
export function postgresPort(db: Db): SqlPort {
  return {
    dialect: postgresDialect,
    run: (work) => drive(db, work()),
    tx: (work, lock) =>
      lock === 'claim' ? drive(db, work()) : transaction(db, async (c) => {
        // Writers giving change numbers share a lock that a reader of the last number takes alone.
        if (lock === 'items' || lock === 'sync') await c.query('SELECT pg_advisory_xact_lock_shared($1)', [LOCK.seq]);
        if (lock === 'sync') await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK.sync]);
        if (lock === 'seq') await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK.seq]);
        if (lock === 'run') await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK.run]);
        return drive(c, work());
      }),
  };
}
