import type { Database } from 'better-sqlite3';
import type { RunLock, RunRecord, RunsPart } from '../types.js';

export function runsTable(db: Database): RunsPart {
  const insert = db.prepare('INSERT INTO runs (started_at, finished_at, sources, failed, created, updated) VALUES (@startedAt, @finishedAt, @sources, @failed, @created, @updated)');
  const latest = db.prepare('SELECT started_at AS startedAt, finished_at AS finishedAt, sources, failed, created, updated FROM runs ORDER BY id DESC LIMIT 1');
  const holder = db.prepare("SELECT owner, acquired_at AS acquiredAt, expires_at AS expiresAt FROM run_lock WHERE name = 'run'");
  const take = db.prepare(
    "INSERT INTO run_lock (name, owner, acquired_at, expires_at) VALUES ('run', @owner, @now, @until) ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, acquired_at = CASE WHEN run_lock.owner = excluded.owner THEN run_lock.acquired_at ELSE excluded.acquired_at END, expires_at = excluded.expires_at",
  );
  const release = db.prepare("DELETE FROM run_lock WHERE name = 'run' AND owner = ?");
  // Read and write in one IMMEDIATE transaction: two processes never both see the lock free.
  const lock = db.transaction((owner: string, now: Date, ms: number, takeOver?: string): RunLock | null => {
    const h = holder.get() as RunLock | undefined;
    if (h && h.owner !== owner && h.owner !== takeOver && h.expiresAt > now.toISOString()) return h;
    take.run({ owner, now: now.toISOString(), until: new Date(now.getTime() + ms).toISOString() });
    return null;
  });
  return {
    record: async (r) => void insert.run(r),
    latest: async () => (latest.get() as RunRecord | undefined) ?? null,
    lock: async (owner, now, ms, takeOver) => lock.immediate(owner, now, ms, takeOver),
    unlock: async (owner) => void release.run(owner),
  };
}
