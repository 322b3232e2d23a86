/**
 * The store's tables as data: each engine's DDL (`createTable`), `store copy`'s list of tables and
 * test/store/schema.test.ts (which holds both engines' migrated databases to it) come from here.
 * Migrations stay numbered and append-only in each engine's `migrations.ts`; a new table or column
 * is added here too, and the test says where an engine differs.
 */
export type ColumnType = 'text' | 'int' | 'bigint' | 'serial';

export interface Column {
  name: string;
  type: ColumnType;
  notNull?: true;
  /** An SQL literal. */
  default?: string;
  /** Computed from other columns (an expression both engines read the same). */
  generated?: string;
  /** Held by running processes (leases), not copied to another store. */
  transient?: true;
  /** Filled by the engine's triggers from other tables (not copied: the copy's triggers fill it). */
  byTrigger?: true;
}

export interface Index {
  name: string;
  /** The indexed expressions, as SQL (`sort_at DESC`). */
  on: readonly string[];
  unique?: true;
  where?: string;
}

export interface Table {
  name: string;
  columns: readonly Column[];
  key: readonly string[];
  unique?: ReadonlyArray<readonly string[]>;
  indexes?: readonly Index[];
  /** What `store copy` does with it: copy in this key order, or leave it (it belongs to running processes). */
  copy: { key: readonly string[] } | null;
}

const text = (name: string, more: Omit<Column, 'name' | 'type'> = {}): Column => ({ name, type: 'text', ...more });
const int = (name: string, more: Omit<Column, 'name' | 'type'> = {}): Column => ({ name, type: 'int', ...more });
const bigint = (name: string, more: Omit<Column, 'name' | 'type'> = {}): Column => ({ name, type: 'bigint', ...more });
const need = { notNull: true } as const;
const names = (...more: Column[]): Column[] => [text('category', { ...need, default: "''" }), text('site', { ...need, default: "''" }), text('channel', { ...need, default: "''" }), ...more];
const sorted = (name: string, table: string, id: string, by: readonly string[]): Index => ({ name: `${table}_${name}`, on: [...by, 'sort_at DESC', `${id} DESC`] });

export const SCHEMA: readonly Table[] = [
  {
    name: 'sources', key: ['id'], copy: { key: ['id'] },
    columns: [
      text('id', need), text('kind', need), text('url', need), text('category', need), text('site', need), text('channel', need), int('position', { ...need, default: '0' }),
      text('etag'), text('last_modified'), text('last_attempt_at'), text('last_success_at'), text('next_attempt_at'),
      text('last_error_code'), int('last_error_status'), text('last_error_message'), text('last_error_at'),
      int('consecutive_failures', { ...need, default: '0' }), int('items_seen', { ...need, default: '0' }), int('fetches', { ...need, default: '0' }), bigint('total_latency_ms', { ...need, default: '0' }),
      text('lease_owner', { transient: true }), text('lease_until', { transient: true }), text('listed'), text('served_by'),
    ],
    indexes: [{ name: 'sources_names', on: ['category', 'site', 'channel'] }, { name: 'sources_due', on: ['next_attempt_at'] }],
  },
  {
    name: 'items', key: ['id'], copy: { key: ['id'] },
    columns: [
      text('id', need), text('source_id', need), text('canonical_link'), text('title', need), text('link'), text('published_at'), text('date_text'), text('author'),
      text('excerpt', need), text('image'), text('categories', { ...need, default: "'[]'" }), text('content_hash', need), text('first_seen_at', need), text('updated_at', need),
      text('origin', { ...need, default: "'feed'" }), text('entry_hash'), bigint('seq', need), text('sort_at', { generated: 'coalesce(published_at, first_seen_at)' }), ...names(),
      // The rule that hides it from every output (config file:line and kind), or NULL: rules hide, never delete.
      text('hidden_by'),
      // The story it reports (issue 23): its own id when it leads one, the lead's when another outlet reported it first, NULL until grouped.
      text('story_id'),
    ],
    indexes: [
      { name: 'items_canonical_link', on: ['canonical_link'], unique: true, where: 'canonical_link IS NOT NULL' },
      { name: 'items_source', on: ['source_id'] }, { name: 'items_seq', on: ['seq'] }, { name: 'items_first_seen', on: ['first_seen_at'] }, { name: 'items_hidden', on: ['hidden_by'], where: 'hidden_by IS NOT NULL' },
      { name: 'items_story', on: ['story_id', 'sort_at'] },
      sorted('sort', 'items', 'id', []), sorted('source_sort', 'items', 'id', ['source_id']),
      sorted('category_sort', 'items', 'id', ['category']), sorted('site_sort', 'items', 'id', ['category', 'site']), sorted('channel_sort', 'items', 'id', ['category', 'site', 'channel']),
    ],
  },
  { name: 'item_bodies', key: ['item_id'], copy: { key: ['item_id'] }, columns: [text('item_id', need), text('html', need), text('page_url'), text('page_etag'), text('page_modified')] },
  {
    // Where an item is listed: under every carrying source's names, with the item's sort key (kept by triggers).
    name: 'item_sources', key: ['item_id', 'source_id'], copy: { key: ['item_id', 'source_id'] },
    columns: [text('item_id', need), text('source_id', need), text('first_seen_at', need), ...names(text('sort_at', { ...need, default: "''" })).map((c) => ({ ...c, byTrigger: true as const }))],
    indexes: [
      sorted('category', 'item_sources', 'item_id', ['category']), sorted('site', 'item_sources', 'item_id', ['category', 'site']),
      sorted('channel', 'item_sources', 'item_id', ['category', 'site', 'channel']), { name: 'item_sources_source', on: ['source_id'] },
    ],
  },
  {
    name: 'tombstones', key: ['id'], copy: { key: ['id'] },
    columns: [text('id', need), text('canonical_link'), text('removed_at', need), text('first_seen_at'), bigint('seq')],
    indexes: [{ name: 'tombstones_canonical_link', on: ['canonical_link'] }, { name: 'tombstones_seq', on: ['seq'] }],
  },
  // What a post migrated from the original system said of itself (its front matter, verbatim).
  { name: 'imported_posts', key: ['item_id'], copy: { key: ['item_id'] }, columns: [text('item_id', need), text('front_matter', need)] },
  {
    name: 'runs', key: ['id'], copy: { key: ['started_at', 'finished_at'] },
    columns: [{ name: 'id', type: 'serial' }, text('started_at', need), text('finished_at', need), int('sources', need), int('failed', need), int('created', need), int('updated', need)],
  },
  { name: 'output_files', key: ['output', 'item_id'], unique: [['output', 'rel_path']], copy: { key: ['output', 'item_id'] }, columns: [text('output', need), text('item_id', need), text('rel_path', need), text('content_hash', need)] },
  { name: 'output_notes', key: ['output', 'item_id'], copy: { key: ['output', 'item_id'] }, columns: [text('output', need), text('item_id', need), text('note', need)] },
  { name: 'output_values', key: ['output', 'name'], copy: { key: ['output', 'name'] }, columns: [text('output', need), text('name', need), text('value', need)] },
  { name: 'output_state', key: ['output'], copy: { key: ['output'] }, columns: [text('output', need), bigint('synced_seq', need)] },
  {
    name: 'output_slugs', key: ['output', 'scope', 'key'], unique: [['output', 'scope', 'folded']], copy: { key: ['output', 'scope', 'key'] },
    columns: [text('output', need), text('scope', need), text('key', need), text('slug', need), text('folded', need)],
  },
  { name: 'run_lock', key: ['name'], copy: null, columns: [text('name', need), text('owner', need), text('acquired_at', need), text('expires_at', need)] },
  { name: 'host_slots', key: ['host', 'slot'], copy: null, columns: [text('host', need), int('slot', need), text('owner'), text('until')] },
  {
    name: 'rsshub_instances', key: ['url'], copy: { key: ['url'] },
    columns: [text('url', need), int('failures', { ...need, default: '0' }), text('open_until'), text('last_error_code'), int('last_error_status'), text('last_error_message'), text('last_error_at'), text('last_ok_at')],
  },
  {
    // Where story grouping looks for a new item's other reports: each item's headline shingles while it is recent.
    name: 'story_keys', key: ['key', 'item_id'], copy: { key: ['key', 'item_id'] },
    columns: [text('key', need), text('item_id', need), text('at', need)],
    // No index on `at`: a planner without statistics would walk the window by it instead of finding the keys.
    indexes: [{ name: 'story_keys_item', on: ['item_id'] }],
  },
];

/** An engine's words for the DDL. */
export interface DdlDialect {
  type(c: Column): string;
  generated(expression: string): string;
}

export const SQLITE_DDL: DdlDialect = {
  type: (c) => ({ text: 'TEXT', int: 'INTEGER', bigint: 'INTEGER', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' })[c.type],
  generated: (e) => `GENERATED ALWAYS AS (${e}) VIRTUAL`,
};

/** Text compares byte by byte (`COLLATE "C"`) as in SQLite, whatever the database's locale. */
export const POSTGRES_DDL: DdlDialect = {
  type: (c) => ({ text: 'TEXT COLLATE "C"', int: 'INTEGER', bigint: 'BIGINT', serial: 'BIGSERIAL PRIMARY KEY' })[c.type],
  generated: (e) => `GENERATED ALWAYS AS (${e}) STORED`,
};

/** A table and its indexes, as the engine's statements. */
export function createTable(t: Table, d: DdlDialect): string[] {
  const serial = t.columns.some((c) => c.type === 'serial');
  const columns = t.columns.map((c) => [c.name, d.type(c), c.notNull ? 'NOT NULL' : '', c.default !== undefined ? `DEFAULT ${c.default}` : '', c.generated ? d.generated(c.generated) : ''].filter(Boolean).join(' '));
  const constraints = [...(serial ? [] : [`PRIMARY KEY (${t.key.join(', ')})`]), ...(t.unique ?? []).map((u) => `UNIQUE (${u.join(', ')})`)];
  return [
    `CREATE TABLE ${t.name} (${[...columns, ...constraints].join(', ')})`,
    ...(t.indexes ?? []).map((i) => `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${i.name} ON ${t.name}(${i.on.join(', ')})${i.where ? ` WHERE ${i.where}` : ''}`),
  ];
}
