/**
 * The store's statements are written once, as generators that yield each statement and take its
 * answer: SQLite's driver answers them synchronously inside one better-sqlite3 transaction (no
 * promise per statement on the hot path), PostgreSQL's driver awaits each on one connection. What
 * differs between the engines is a few words of SQL (`Dialect`) and how transactions lock (`SqlPort`).
 */
export type Params = Readonly<Record<string, unknown>>;

export type Op =
  | { kind: 'rows'; sql: string; params: Params }
  | { kind: 'run'; sql: string; params: Params }
  /** Many rows into one table: one statement on PostgreSQL, one prepared insert per row on SQLite. */
  | { kind: 'insert'; table: string; columns: readonly string[]; ints: readonly string[]; computed: Readonly<Record<string, string>>; rows: ReadonlyArray<Params>; conflict: string; returning?: string };

export type Sql<T> = Generator<Op, T, unknown>;

export function* rows<T>(sql: string, params: Params = {}): Sql<T[]> {
  return (yield { kind: 'rows', sql, params }) as T[];
}

export function* one<T>(sql: string, params: Params = {}): Sql<T | undefined> {
  return (yield* rows<T>(sql, params))[0];
}

/** A statement's count of rows changed. */
export function* run(sql: string, params: Params = {}): Sql<number> {
  return (yield { kind: 'run', sql, params }) as number;
}

/**
 * Inserts `rows` (`conflict`: `ON CONFLICT …` or ''; `computed`: columns whose value is an SQL
 * expression, the same for every row, such as the next change number); the `returning` column of
 * each row that went in.
 */
export function* insertMany(
  table: string, columns: readonly string[], list: ReadonlyArray<Params>,
  o: { conflict: string; returning?: string; ints?: readonly string[]; computed?: Readonly<Record<string, string>> },
): Sql<unknown[]> {
  if (list.length === 0) return [];
  return (yield { kind: 'insert', table, columns, ints: o.ints ?? [], computed: o.computed ?? {}, rows: list, conflict: o.conflict, ...(o.returning ? { returning: o.returning } : {}) }) as unknown[];
}

/** The few words of SQL that differ between the engines. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** `column` is one of the array parameter `param`. */
  inList(column: string, param: string): string;
  /** A parameter the engine must be told the type of (PostgreSQL cannot infer it in CASE or IS NULL). */
  typed(param: string, type: 'int' | 'text' | 'bool'): string;
  /** Row locks a writer takes on what it read (PostgreSQL); SQLite's one writer needs none. */
  forUpdate(alias: string): string;
  /** Rows another worker's claim holds are passed over, not waited for. */
  readonly skipLocked: string;
  /** The carrying sources of `items i`, one per line, its owner first. */
  readonly carriers: string;
  /** The day (YYYY-MM-DD) of an ISO instant column, shifted by `@offset` minutes. */
  day(column: string): string;
  /** A character after every character a stored path holds. */
  readonly lastChar: string;
  /** Every row after the first `param` (an OFFSET without a LIMIT). */
  offset(param: string): string;
  /** The next change number, as an SQL expression (one per row; only in an `items` transaction). */
  readonly nextSeq: string;
  /** The last change number given (read in a `seq` transaction: no writer can still commit below it). */
  lastSeq(): Sql<number>;
  /** A table `r` of the JSON array (of objects) parameter `param`, with these columns: many rows to one UPDATE … FROM. */
  rowsOf(param: string, columns: Readonly<Record<string, 'text' | 'int'>>): string;
}

/**
 * How a transaction locks. SQLite: every one takes the write lock first (IMMEDIATE), so two processes
 * never both decide on what they read. PostgreSQL: `items` gives change numbers (a lock shared with
 * every such writer); `seq` reads the last one while no such writer is open; `run` takes the run lock;
 * `sync` is an `items` writer that also waits for any other `sync`; `claim` is one statement that
 * reads and writes (SKIP LOCKED), atomic alone, so it is sent alone.
 */
export type TxLock = 'items' | 'seq' | 'run' | 'sync' | 'claim';

export interface SqlPort {
  readonly dialect: Dialect;
  /** Statements outside a transaction (each alone; reads see what is committed). */
  run<T>(work: () => Sql<T>): Promise<T>;
  /** One transaction; `work` may be run again (PostgreSQL, after a deadlock), so it only reads and writes. */
  tx<T>(work: () => Sql<T>, lock?: TxLock): Promise<T>;
}
