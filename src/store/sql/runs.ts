import type { HostsPart } from '../parts/hosts.js';
import type { RunLock, RunRecord, RunsPart } from '../parts/runs.js';
import { insertMany, one, rows, run, type SqlPort } from './port.js';

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
  const d = port.dialect;
  // The free slots of the hosts asked for, numbered per host; each host gets as many as it was asked for.
  const TAKE = `WITH want AS (SELECT r.host, count(*) AS n FROM ${d.rowsOf('@want', { host: 'text' })} GROUP BY r.host),
    free AS (SELECT f.host, f.slot, row_number() OVER (PARTITION BY f.host ORDER BY f.slot) AS k FROM (
      SELECT host, slot FROM host_slots WHERE host IN (SELECT host FROM want) AND slot < @slots AND (owner IS NULL OR until <= @now)${d.skipLocked}) f)
    UPDATE host_slots SET owner = @owner, until = @until FROM free JOIN want ON want.host = free.host
    WHERE host_slots.host = free.host AND host_slots.slot = free.slot AND free.k <= want.n RETURNING host_slots.host, host_slots.slot`;
  return {
    take: async (hosts, slots, l, now) => {
      const fresh = [...new Set(hosts)].filter((h) => !made.has(`${h}\u0000${slots}`));
      if (fresh.length > 0) {
        await port.run(() => insertMany('host_slots', ['host', 'slot'], fresh.flatMap((host) => Array.from({ length: slots }, (_, slot) => ({ host, slot }))), { conflict: 'ON CONFLICT DO NOTHING', ints: ['slot'] }));
        for (const h of fresh) made.add(`${h}\u0000${slots}`);
      }
      // One statement: workers asking at once each get other slots, or none; none waits for another.
      const taken = await port.tx(() => rows<{ host: string; slot: number }>(TAKE, {
        want: JSON.stringify(hosts.map((host) => ({ host }))), slots, owner: l.owner, now: now.toISOString(), until: new Date(now.getTime() + l.ms).toISOString(),
      }), 'claim');
      const per = new Map<string, number[]>();
      for (const t of taken.sort((a, b) => a.slot - b.slot)) (per.get(t.host) ?? per.set(t.host, []).get(t.host)!).push(Number(t.slot));
      return hosts.map((h) => per.get(h)?.shift() ?? null);
    },
    give: (slots, owner) => port.run(function* () {
      if (slots.length === 0) return;
      yield* run(`UPDATE host_slots SET owner = NULL, until = NULL FROM ${d.rowsOf('@rows', { host: 'text', slot: 'int' })} WHERE host_slots.host = r.host AND host_slots.slot = r.slot AND host_slots.owner = @owner`, { rows: JSON.stringify(slots), owner });
    }),
    held: async (now) => (await port.run(() => rows<{ host: string; slot: number; owner: string }>('SELECT host, slot, owner FROM host_slots WHERE owner IS NOT NULL AND until > @now ORDER BY host, slot', { now: now.toISOString() })))
      .map((r) => ({ ...r, slot: Number(r.slot) })),
  };
}
