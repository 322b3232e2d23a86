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
export const TABLES: readonly TableSpec[] = [
  {
    name: 'sources', key: ['id'],
    columns: ['id', 'kind', 'url', 'category', 'site', 'channel', 'position', 'etag', 'last_modified', 'last_attempt_at', 'last_success_at', 'next_attempt_at',
      'last_error_code', 'last_error_status', 'last_error_message', 'last_error_at', 'consecutive_failures', 'items_seen', 'fetches', 'total_latency_ms', 'listed', 'served_by'],
    numbers: ['position', 'last_error_status', 'consecutive_failures', 'items_seen', 'fetches', 'total_latency_ms'],
  },
  {
    name: 'items', key: ['id'],
    columns: ['id', 'source_id', 'canonical_link', 'title', 'link', 'published_at', 'date_text', 'author', 'excerpt', 'image', 'categories', 'content_hash',
      'first_seen_at', 'updated_at', 'origin', 'entry_hash', 'seq', 'category', 'site', 'channel'],
    numbers: ['seq'],
  },
  { name: 'item_bodies', key: ['item_id'], columns: ['item_id', 'html'] },
  { name: 'item_sources', key: ['item_id', 'source_id'], columns: ['item_id', 'source_id', 'first_seen_at'] },
  { name: 'tombstones', key: ['id'], columns: ['id', 'canonical_link', 'removed_at', 'first_seen_at'] },
  { name: 'abbrlinks', key: ['item_id'], columns: ['item_id', 'abbrlink'] },
  { name: 'runs', key: ['started_at', 'finished_at'], columns: ['started_at', 'finished_at', 'sources', 'failed', 'created', 'updated'], numbers: ['sources', 'failed', 'created', 'updated'] },
  { name: 'output_files', key: ['output', 'item_id'], columns: ['output', 'item_id', 'rel_path', 'content_hash'] },
  { name: 'output_notes', key: ['output', 'item_id'], columns: ['output', 'item_id', 'note'] },
  { name: 'output_state', key: ['output'], columns: ['output', 'synced_seq'], numbers: ['synced_seq'] },
  { name: 'output_slugs', key: ['output', 'scope', 'key'], columns: ['output', 'scope', 'key', 'slug', 'folded'] },
  {
    name: 'rsshub_instances', key: ['url'],
    columns: ['url', 'failures', 'open_until', 'last_error_code', 'last_error_status', 'last_error_message', 'last_error_at', 'last_ok_at'],
    numbers: ['failures', 'last_error_status'],
  },
];

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
