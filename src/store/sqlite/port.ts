import type { Database, Statement } from 'better-sqlite3';
import { rows, type Dialect, type Op, type Params, type Sql, type SqlPort } from '../sql/port.js';

/** Values as SQLite binds them: lists as JSON (read with json_each), booleans as 0/1, undefined as NULL. */
const bind = (p: Params): Params => {
  let out: Record<string, unknown> | null = null;
  for (const k in p) {
    const v = p[k];
    if (!Array.isArray(v) && typeof v !== 'boolean' && v !== undefined) continue;
    // Copied only when a value must change (most statements bind strings and numbers as they are).
    out ??= { ...p };
    out[k] = Array.isArray(v) ? JSON.stringify(v) : typeof v === 'boolean' ? Number(v) : null;
  }
  return out ?? p;
};

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  inList: (column, param) => `${column} IN (SELECT value FROM json_each(${param}))`,
  typed: (param) => param,
  forUpdate: () => '',
  skipLocked: '',
  // Unordered (toStored orders them): an ORDER BY here is a temporary sort for every row read.
  carriers: "(SELECT group_concat(first_seen_at || char(9) || source_id, char(10)) FROM item_sources WHERE item_id = i.id)",
  day: (column) => `substr(strftime('%Y-%m-%dT%H:%M:%S', ${column}, @offset || ' minutes'), 1, 10)`,
  lastChar: 'char(1114111)',
  offset: (param) => `LIMIT -1 OFFSET ${param}`,
  nextSeq: 'next_seq()',
  *lastSeq() {
    return (yield* rows<{ value: number }>("SELECT value FROM counters WHERE name = 'item_seq'"))[0]!.value;
  },
  // ->> gives each JSON value as its SQL type (text, integer, NULL).
  rowsOf: (param, columns) => `(SELECT ${Object.keys(columns).map((c) => `value ->> '${c}' AS ${c}`).join(', ')} FROM json_each(${param})) AS r`,
};

/** The port on one better-sqlite3 connection: statements prepared once, each transaction synchronous and IMMEDIATE. */
export function sqlitePort(db: Database): SqlPort {
  const prepared = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const answer = (op: Op): unknown => {
    switch (op.kind) {
      case 'rows':
        return statement(op.sql).all(bind(op.params));
      case 'run':
        return statement(op.sql).run(bind(op.params)).changes;
      case 'insert': {
        const computed = Object.entries(op.computed);
        const names = [...op.columns, ...computed.map(([k]) => k)].join(', ');
        const values = [...op.columns.map((c) => `@${c}`), ...computed.map(([, v]) => v)].join(', ');
        const s = statement(`INSERT INTO ${op.table} (${names}) VALUES (${values}) ${op.conflict}${op.returning ? ` RETURNING ${op.returning}` : ''}`);
        const out: unknown[] = [];
        for (const r of op.rows) {
          if (!op.returning) s.run(bind(r));
          else {
            const got = s.get(bind(r)) as Record<string, unknown> | undefined;
            if (got) out.push(got[op.returning]);
          }
        }
        return out;
      }
    }
  };
  const drive = <T>(work: Sql<T>): T => {
    for (let step = work.next(); ; step = work.next(answer(step.value))) if (step.done) return step.value;
  };
  // Change numbers: a counter (not AUTOINCREMENT: a number is never given twice, even after deletions),
  // read when a transaction starts and written when it ends; the one writer holds it meanwhile.
  let seq: number | null = null;
  db.function('next_seq', { deterministic: false }, () => {
    if (seq === null) throw new Error('next_seq() outside a transaction');
    return ++seq;
  });
  const readSeq = db.prepare("SELECT value FROM counters WHERE name = 'item_seq'");
  const writeSeq = db.prepare("UPDATE counters SET value = ? WHERE name = 'item_seq'");
  const transaction = db.transaction(<T>(work: () => Sql<T>): T => {
    const start = (seq = (readSeq.get() as { value: number }).value);
    try {
      const r = drive(work());
      if (seq !== start) writeSeq.run(seq);
      return r;
    } finally {
      seq = null;
    }
  });
  return {
    dialect: sqliteDialect,
    run: async (work) => drive(work()),
    // IMMEDIATE: the write lock before the first read, so two processes never both decide on what they read.
    tx: async <T>(work: () => Sql<T>) => transaction.immediate(work) as T,
  };
}
