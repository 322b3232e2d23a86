import type { HostsPart, RunLock, RunRecord, RunsPart } from '../types.js';
import { exec, LOCK, one, rows, transaction, type Db } from './db.js';

export function runsPart(db: Db): RunsPart {
  return {
    record: async (r) =>
      void (await exec(db, 'INSERT INTO runs (started_at, finished_at, sources, failed, created, updated) VALUES (@startedAt, @finishedAt, @sources, @failed, @created, @updated)', { ...r })),
    latest: async () =>
      (await one<RunRecord>(db, 'SELECT started_at AS "startedAt", finished_at AS "finishedAt", sources, failed, created, updated FROM runs ORDER BY id DESC LIMIT 1')) ?? null,
    // Read and write under one advisory lock: two processes never both see the lock free.
    lock: (owner, now, ms, takeOver) =>
      transaction(db, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK.run]);
        const h = await one<RunLock>(c, `SELECT owner, acquired_at AS "acquiredAt", expires_at AS "expiresAt" FROM run_lock WHERE name = 'run'`);
        if (h && h.owner !== owner && h.owner !== takeOver && h.expiresAt > now.toISOString()) return h;
        await exec(c,
          `INSERT INTO run_lock (name, owner, acquired_at, expires_at) VALUES ('run', @owner, @now, @until)
           ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = CASE WHEN run_lock.owner = excluded.owner THEN run_lock.acquired_at ELSE excluded.acquired_at END, expires_at = excluded.expires_at`,
          { owner, now: now.toISOString(), until: new Date(now.getTime() + ms).toISOString() });
        return null;
      }),
    unlock: async (owner) => void (await exec(db, "DELETE FROM run_lock WHERE name = 'run' AND owner = @owner", { owner })),
  };
}

export function hostsPart(db: Db): HostsPart {
  const made = new Set<string>();
  return {
    // SKIP LOCKED: workers asking at once each get another slot, or none; none waits for another.
    take: async (host, slots, l, now) => {
      if (!made.has(`${host}\u0000${slots}`)) {
        await exec(db, 'INSERT INTO host_slots (host, slot) SELECT @host, g FROM generate_series(0, @last::int) g ON CONFLICT DO NOTHING', { host, last: slots - 1 });
        made.add(`${host}\u0000${slots}`);
      }
      const [taken] = await rows<{ slot: number }>(db,
        `UPDATE host_slots SET owner = @owner, until = @until WHERE (host, slot) = (
           SELECT host, slot FROM host_slots WHERE host = @host AND slot < @slots AND (owner IS NULL OR until <= @now) ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING slot`,
        { host, slots, owner: l.owner, now: now.toISOString(), until: new Date(now.getTime() + l.ms).toISOString() });
      return taken?.slot ?? null;
    },
    give: async (host, slot, owner) => void (await exec(db, 'UPDATE host_slots SET owner = NULL, until = NULL WHERE host = @host AND slot = @slot AND owner = @owner', { host, slot, owner })),
  };
}
