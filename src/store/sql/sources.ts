import type { HttpCache } from '../../fetch/index.js';
import type { LeaseHeld, SourcesPart } from '../parts/sources.js';
import { toHealth, type SourceRow } from '../rows.js';
import { listedJson } from '../retention.js';
import { one, rows, run, type Dialect, type Sql, type SqlPort } from './port.js';
import { upsertItems } from './upsert.js';

/** A 304 is a success too: the validators may have changed (RFC 9111 keeps a new Last-Modified). */
const succeeded = (id: string, at: Date, latencyMs: number, cache: HttpCache, seen: number): Sql<number> =>
  run(
    `UPDATE sources SET etag = @etag, last_modified = @lastModified, last_attempt_at = @at, last_success_at = @at, next_attempt_at = @fresh, served_by = @servedBy,
       consecutive_failures = 0, items_seen = items_seen + @seen, fetches = fetches + 1, total_latency_ms = total_latency_ms + @latency,
       lease_owner = NULL, lease_until = NULL WHERE id = @id`,
    { id, at: at.toISOString(), latency: Math.round(latencyMs), seen, etag: cache.etag ?? null, lastModified: cache.lastModified ?? null, fresh: cache.freshUntil ?? null, servedBy: cache.servedBy ?? null });

/** The due sources, in the order they are due, leased to `@owner` in one statement (claims at once never meet). */
const claim = (d: Dialect): string =>
  `UPDATE sources SET lease_owner = @owner, lease_until = @until WHERE id IN (
     SELECT id FROM sources WHERE (${d.typed('@all', 'bool')} OR ${d.inList('id', '@ids')})
       AND (${d.typed('@force', 'bool')} OR next_attempt_at IS NULL OR next_attempt_at <= @now)
       AND (lease_until IS NULL OR lease_until <= @now OR lease_owner = @owner)
       AND (${d.typed('@stale', 'text')} IS NULL OR last_attempt_at IS NULL OR last_attempt_at <= @stale)
     ORDER BY coalesce(next_attempt_at, ''), id LIMIT @limit${d.skipLocked})
   RETURNING *`;

/** The sources table: identity and names from the config, fetch state, health and claims (leases any worker may hold). */
export function sourcesPart(port: SqlPort): SourcesPart {
  const d = port.dialect;
  return {
    sync: (sources) => port.tx(function* () {
      for (const [position, s] of sources.entries()) {
        const before = yield* one<{ category: string; site: string; channel: string }>('SELECT category, site, channel FROM sources WHERE id = @id', { id: s.id });
        yield* run(
          `INSERT INTO sources (id, kind, url, category, site, channel, position) VALUES (@id, @kind, @url, @category, @site, @channel, @position)
           ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, url = excluded.url, category = excluded.category, site = excluded.site, channel = excluded.channel, position = excluded.position`,
          { id: s.id, kind: s.kind, url: s.url, category: s.category, site: s.site, channel: s.channel, position });
        // Renamed: every item of the source is filed elsewhere now, so readers must look at it again.
        if (before && (before.category !== s.category || before.site !== s.site || before.channel !== s.channel)) {
          yield* run(`UPDATE items SET seq = ${d.nextSeq}, category = @category, site = @site, channel = @channel WHERE source_id = @id`, { id: s.id, category: s.category, site: s.site, channel: s.channel });
          // Stories the source carried but does not own: listed under its names, which changed.
          yield* run(`UPDATE items SET seq = ${d.nextSeq} WHERE id IN (SELECT c.item_id FROM item_sources c WHERE c.source_id = @id) AND source_id <> @id`, { id: s.id });
        }
      }
    }, 'items'),
    all: () => port.run(function* () {
      return (yield* rows<SourceRow>('SELECT * FROM sources ORDER BY id')).map(toHealth);
    }),
    get: (id) => port.run(function* () {
      const row = yield* one<SourceRow>('SELECT * FROM sources WHERE id = @id', { id });
      return row ? toHealth(row) : undefined;
    }),
    claimDue: (now, limit, l, o = {}) => port.tx(function* () {
      const claimed = yield* rows<SourceRow>(claim(d), {
        all: o.ids === undefined, ids: o.ids ? [...o.ids] : [], force: o.force ?? false, now: now.toISOString(), owner: l.owner,
        until: new Date(now.getTime() + l.ms).toISOString(), limit, stale: o.staleForMs === undefined ? null : new Date(now.getTime() - o.staleForMs).toISOString(),
      });
      const key = (r: SourceRow): string => `${r.next_attempt_at ?? ''}\u0000${r.id}`;
      return claimed.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(toHealth);
    }, 'claim'),
    leases: (now) => port.run(() => rows<LeaseHeld>('SELECT id AS "sourceId", lease_owner AS owner, lease_until AS until FROM sources WHERE lease_until > @now ORDER BY id', { now: now.toISOString() })),
    release: (id, owner) => port.run(function* () {
      yield* run('UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner', { id, owner });
    }),
    recordSuccess: (id, items, o) => port.tx(function* () {
      const { storedAs, ...r } = yield* upsertItems(d, id, items, o.at, 'feed');
      yield* succeeded(id, o.at, o.latencyMs, o.cache, r.created.length);
      yield* run('UPDATE sources SET listed = @listed WHERE id = @id', { id, listed: listedJson(o.listed ?? items.map((i) => i.id), storedAs) });
      return r;
    }, 'items'),
    recordNotModified: (id, o) => port.run(function* () {
      yield* succeeded(id, o.at, o.latencyMs, o.cache, 0);
    }),
    recordFailure: (id, error, o) => port.run(function* () {
      yield* run(
        `UPDATE sources SET last_attempt_at = @at, next_attempt_at = @next, last_error_code = @code, last_error_status = @status,
           last_error_message = @message, last_error_at = @at, consecutive_failures = consecutive_failures + 1,
           fetches = fetches + 1, total_latency_ms = total_latency_ms + @latency, lease_owner = NULL, lease_until = NULL WHERE id = @id`,
        { id, at: o.at.toISOString(), next: o.nextAttemptAt.toISOString(), code: error.code, status: error.status, message: error.message, latency: Math.round(o.latencyMs) });
    }),
  };
}
