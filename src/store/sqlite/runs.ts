import type { Database } from 'better-sqlite3';
import type { RunRecord, RunsPart } from '../types.js';

export function runsTable(db: Database): RunsPart {
  const insert = db.prepare('INSERT INTO runs (started_at, finished_at, sources, failed, created, updated) VALUES (@startedAt, @finishedAt, @sources, @failed, @created, @updated)');
  const latest = db.prepare('SELECT started_at AS startedAt, finished_at AS finishedAt, sources, failed, created, updated FROM runs ORDER BY id DESC LIMIT 1');
  return {
    record: async (r) => void insert.run(r),
    latest: async () => (latest.get() as RunRecord | undefined) ?? null,
  };
}
