import { SCHEMA } from './schema.js';

/**
 * Moving a store between engines, table by table: the same columns on both sides (sort keys are
 * computed by each engine), read in key order a page at a time so memory holds one page.
 */
export interface TableSpec {
  name: string;
  /** Primary key columns: the order pages are read in. */
  key: readonly string[];
  columns: readonly string[];
  /** The integer columns (every other one is text). */
  numbers?: readonly string[];
}

export type Row = Record<string, unknown>;

/** What an engine gives `store copy`: rows of a table after a key, rows written as they are, the change counter. */
export interface StoreTables {
  read(table: TableSpec, after: readonly unknown[] | null, limit: number): Promise<Row[]>;
  write(table: TableSpec, rows: readonly Row[]): Promise<void>;
  /** Rows in the tables a copy fills (a copy goes only into an empty store). */
  rowCount(): Promise<number>;
  lastSeq(): Promise<number>;
  setLastSeq(seq: number): Promise<void>;
  close(): Promise<void>;
}

/** Every table that holds what a store knows; leases, slots and the run lock are left behind (they belong to running processes). */
export const TABLES: readonly TableSpec[] = SCHEMA.flatMap((t) => {
  if (!t.copy) return [];
  const copied = t.columns.filter((c) => !c.generated && !c.transient && !c.byTrigger && c.type !== 'serial');
  return [{ name: t.name, key: t.copy.key, columns: copied.map((c) => c.name), numbers: copied.filter((c) => c.type === 'int' || c.type === 'bigint').map((c) => c.name) }];
});

const PAGE = 1000;

/** Everything of `from` into the empty store `to`; the number of rows per table. */
export async function copyTables(from: StoreTables, to: StoreTables, onTable?: (name: string, rows: number) => void): Promise<Map<string, number>> {
  const copied = new Map<string, number>();
  for (const table of TABLES) {
    let n = 0;
    for (let after: unknown[] | null = null; ; ) {
      const rows = await from.read(table, after, PAGE);
      if (rows.length === 0) break;
      await to.write(table, rows);
      n += rows.length;
      after = table.key.map((k) => rows.at(-1)![k]);
    }
    copied.set(table.name, n);
    onTable?.(table.name, n);
  }
  await to.setLastSeq(await from.lastSeq());
  return copied;
}
