import type { HostsPart } from '../parts/hosts.js';
import type { RunLock, RunRecord, RunsPart } from '../parts/runs.js';
import { insertMany, one, run, type SqlPort } from './port.js';

/** Runs' records and the run lock (one run at a time per store). */
export function runsPart(port: SqlPort): RunsPart {
  return {
    record: (r) => port.run(function* () {
      yield* run('INSERT INTO runs (started_at, finished_at, sources, failed, created, updated) VALUES (@startedAt, @finishedAt, @sources, @failed, @created, @updated)', { ...r });
    }),
    latest: () => port.run(function* () {
      return (yield* one<RunRecord>('SELECT started_at AS "startedAt", finished_at AS "finishedAt", sources, failed, created, updated FROM runs ORDER BY id DESC LIMIT 1')) ?? null;
    }),
    // Read and write under one lock: two processes never both see the lock free.
    lock: (owner, now, ms, takeOver) => port.tx(function* () {
      const h = yield* one<RunLock>(`SELECT owner, acquired_at AS "acquiredAt", expires_at AS "expiresAt" FROM run_lock WHERE name = 'run'`);
      if (h && h.owner !== owner && h.owner !== takeOver && h.expiresAt > now.toISOString()) return h;
      yield* run(
        `INSERT INTO run_lock (name, owner, acquired_at, expires_at) VALUES ('run', @owner, @now, @until)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = CASE WHEN run_lock.owner = excluded.owner THEN run_lock.acquired_at ELSE excluded.acquired_at END, expires_at = excluded.expires_at`,
        { owner, now: now.toISOString(), until: new Date(now.getTime() + ms).toISOString() });
      return null;
    }, 'run'),
    unlock: (owner) => port.run(function* () {
      yield* run("DELETE FROM run_lock WHERE name = 'run' AND owner = @owner", { owner });
    }),
  };
}

/** Per-host request slots that workers on several machines lease (fetch.perHost across processes). */
export function hostsPart(port: SqlPort): HostsPart {
  const made = new Set<string>();
  const { skipLocked } = port.dialect;
  return {
    take: async (host, slots, l, now) => {
      if (!made.has(`${host}\u0000${slots}`)) {
        await port.run(() => insertMany('host_slots', ['host', 'slot'], Array.from({ length: slots }, (_, slot) => ({ host, slot })), { conflict: 'ON CONFLICT DO NOTHING', ints: ['slot'] }));
        made.add(`${host}\u0000${slots}`);
      }
      // One statement: workers asking at once each get another slot, or none; none waits for another.
      return port.tx(function* () {
        const taken = yield* one<{ slot: number }>(
          `UPDATE host_slots SET owner = @owner, until = @until WHERE (host, slot) = (
             SELECT host, slot FROM host_slots WHERE host = @host AND slot < @slots AND (owner IS NULL OR until <= @now) ORDER BY slot LIMIT 1${skipLocked})
           RETURNING slot`,
          { host, slots, owner: l.owner, now: now.toISOString(), until: new Date(now.getTime() + l.ms).toISOString() });
        return taken?.slot ?? null;
      }, 'claim');
    },
    give: (host, slot, owner) => port.run(function* () {
      yield* run('UPDATE host_slots SET owner = NULL, until = NULL WHERE host = @host AND slot = @slot AND owner = @owner', { host, slot, owner });
    }),
  };
}
