import type { Pool, PoolClient, PoolConfig } from 'pg';

export type Db = Pool;
export type Client = PoolClient | Pool;

/**
 * A connection pool. The driver is loaded here, on first use, so that the commands of a SQLite store
 * never load it (a fifth of a second of every start).
 */
export async function openPool(config: PoolConfig): Promise<Db> {
  const { default: pg } = await import('pg');
  // int8 (sequence values, counts) as JS numbers: they stay far below 2^53 here.
  pg.types.setTypeParser(20, (v) => Number(v));
  const db = new pg.Pool(config);
  // An idle connection the server closes must not crash the process; the next query reconnects.
  db.on('error', () => undefined);
  return db;
}

/** Advisory lock keys: item change numbers (writers share it, a reader of the last number takes it alone), the run lock, syncing the config's sources. */
export const LOCK = { seq: 7_301_001, run: 7_301_002, sync: 7_301_003 } as const;

/** `@name` placeholders → `$n`, so the SQL reads like the SQLite engine's. */
export function named(sql: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for @${name}`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text, values: order.map((n) => params[n]) };
}

export async function rows<T>(c: Client, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await c.query(named(sql, params))).rows as T[];
}

export async function one<T>(c: Client, sql: string, params: Record<string, unknown> = {}): Promise<T | undefined> {
  return (await rows<T>(c, sql, params))[0];
}

export async function exec(c: Client, sql: string, params: Record<string, unknown> = {}): Promise<number> {
  return (await c.query(named(sql, params))).rowCount ?? 0;
}

// Deadlock and serialization failures: the transaction is run again, it did nothing.
const RETRIED = new Set(['40P01', '40001']);

/** One transaction on one connection, run again (up to 5 times) when PostgreSQL chose it to break a deadlock. */
export async function transaction<T>(db: Db, work: (c: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const c = await db.connect();
    try {
      await c.query('BEGIN');
      const r = await work(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      if (attempt >= 5 || !RETRIED.has((e as { code?: string }).code ?? '')) throw e;
    } finally {
      c.release();
    }
  }
}
