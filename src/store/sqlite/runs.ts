import type { Database } from 'better-sqlite3';
import type { HostsPart, RunLock, RunRecord, RunsPart } from '../types.js';

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

export function hostsTable(db: Database): HostsPart {
  const free = db.prepare('SELECT slot FROM host_slots WHERE host = @host AND slot < @slots AND (owner IS NULL OR until <= @now) ORDER BY slot LIMIT 1');
  const made = db.prepare('SELECT count(*) AS n FROM host_slots WHERE host = ? AND slot < ?');
  const make = db.prepare('INSERT OR IGNORE INTO host_slots (host, slot) VALUES (?, ?)');
  const lease = db.prepare('UPDATE host_slots SET owner = @owner, until = @until WHERE host = @host AND slot = @slot');
  const give = db.prepare('UPDATE host_slots SET owner = NULL, until = NULL WHERE host = ? AND slot = ? AND owner = ?');
  const take = db.transaction((host: string, slots: number, owner: string, now: Date, ms: number): number | null => {
    if ((made.get(host, slots) as { n: number }).n < slots) for (let slot = 0; slot < slots; slot++) make.run(host, slot);
    const row = free.get({ host, slots, now: now.toISOString() }) as { slot: number } | undefined;
    if (!row) return null;
    lease.run({ owner, until: new Date(now.getTime() + ms).toISOString(), host, slot: row.slot });
    return row.slot;
  });
  return {
    take: async (host, slots, l, now) => take.immediate(host, slots, l.owner, now, l.ms),
    give: async (host, slot, owner) => void give.run(host, slot, owner),
  };
}
