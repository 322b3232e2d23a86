import type { Database } from 'better-sqlite3';
import type { Source } from '../../sources/index.js';
import type { HttpCache } from '../../fetch/index.js';
import type { Item } from '../../content/index.js';
import type { ClaimOptions, ItemOrigin, LeaseHeld, SourcesPart, UpsertResult, Upserted } from '../types.js';
import { listedJson } from '../retention.js';
import { toHealth, type SourceRow } from '../rows.js';

type Upsert = (sourceId: string, items: readonly Item[], at: Date, origin: ItemOrigin) => Upserted;

/** The sources table: identity and names from the config, fetch state, health and claims from runs. */
export function sourcesTable(db: Database, upsertItems: Upsert, nextSeq: () => number): SourcesPart {
  const upsert = db.prepare(
    `INSERT INTO sources (id, kind, url, category, site, channel, position) VALUES (@id, @kind, @url, @category, @site, @channel, @position)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, url = excluded.url, category = excluded.category, site = excluded.site, channel = excluded.channel, position = excluded.position`,
  );
  const namesOf = db.prepare('SELECT category, site, channel FROM sources WHERE id = ?');
  const itemsOf = db.prepare('SELECT id FROM items WHERE source_id = ?');
  const refile = db.prepare('UPDATE items SET seq = ?, category = ?, site = ?, channel = ? WHERE id = ?');
  // Stories the source carried but does not own: listed under its names, which changed.
  const carriedOf = db.prepare('SELECT c.item_id AS id FROM item_sources c JOIN items i ON i.id = c.item_id WHERE c.source_id = ? AND i.source_id <> c.source_id');
  const touch = db.prepare('UPDATE items SET seq = ? WHERE id = ?');
  const all = db.prepare('SELECT * FROM sources ORDER BY id');
  const one = db.prepare('SELECT * FROM sources WHERE id = ?');
  const due = db.prepare(
    `SELECT * FROM sources WHERE (@ids IS NULL OR id IN (SELECT value FROM json_each(@ids)))
       AND (@force OR next_attempt_at IS NULL OR next_attempt_at <= @now)
       AND (lease_until IS NULL OR lease_until <= @now OR lease_owner = @owner)
       AND (@stale IS NULL OR last_attempt_at IS NULL OR last_attempt_at <= @stale)
     ORDER BY coalesce(next_attempt_at, ''), id LIMIT @limit`,
  );
  const lease = db.prepare('UPDATE sources SET lease_owner = ?, lease_until = ? WHERE id = ?');
  const leases = db.prepare('SELECT id AS sourceId, lease_owner AS owner, lease_until AS until FROM sources WHERE lease_until > ? ORDER BY id');
  const release = db.prepare('UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?');
  const success = db.prepare(
    `UPDATE sources SET etag = @etag, last_modified = @lastModified, last_attempt_at = @at, last_success_at = @at, next_attempt_at = @fresh, served_by = @servedBy,
       consecutive_failures = 0, items_seen = items_seen + @seen, fetches = fetches + 1, total_latency_ms = total_latency_ms + @latency,
       lease_owner = NULL, lease_until = NULL WHERE id = @id`,
  );
  const setListed = db.prepare('UPDATE sources SET listed = ? WHERE id = ?');
  const failure = db.prepare(
    `UPDATE sources SET last_attempt_at = @at, next_attempt_at = @next, last_error_code = @code, last_error_status = @status,
       last_error_message = @message, last_error_at = @at, consecutive_failures = consecutive_failures + 1,
       fetches = fetches + 1, total_latency_ms = total_latency_ms + @latency, lease_owner = NULL, lease_until = NULL WHERE id = @id`,
  );

  const sync = db.transaction((sources: readonly Source[]) => {
    for (const [position, s] of sources.entries()) {
      const before = namesOf.get(s.id) as { category: string; site: string; channel: string } | undefined;
      upsert.run({ id: s.id, kind: s.kind, url: s.url, category: s.category, site: s.site, channel: s.channel, position });
      // Renamed: every item of the source is filed elsewhere now, so readers must look at it again.
      if (before && (before.category !== s.category || before.site !== s.site || before.channel !== s.channel)) {
        for (const { id } of itemsOf.all(s.id) as { id: string }[]) refile.run(nextSeq(), s.category, s.site, s.channel, id);
        for (const { id } of carriedOf.all(s.id) as { id: string }[]) touch.run(nextSeq(), id);
      }
    }
  });
  const claim = db.transaction((now: Date, limit: number, owner: string, ms: number, o: ClaimOptions) => {
    const stale = o.staleForMs === undefined ? null : new Date(now.getTime() - o.staleForMs).toISOString();
    const rows = due.all({ ids: o.ids ? JSON.stringify(o.ids) : null, force: o.force ? 1 : 0, now: now.toISOString(), owner, limit, stale }) as SourceRow[];
    const until = new Date(now.getTime() + ms).toISOString();
    for (const r of rows) lease.run(owner, until, r.id);
    return rows.map(toHealth);
  });
  /** A 304 is a success too: the validators may have changed (RFC 9111 keeps a new Last-Modified). */
  const succeeded = (id: string, at: Date, latencyMs: number, cache: HttpCache, seen: number): void =>
    void success.run({ id, at: at.toISOString(), latency: Math.round(latencyMs), seen, etag: cache.etag ?? null, lastModified: cache.lastModified ?? null, fresh: cache.freshUntil ?? null, servedBy: cache.servedBy ?? null });
  const recordSuccess = db.transaction((sourceId: string, items: readonly Item[], at: Date, latencyMs: number, cache: HttpCache, listed: readonly string[]): UpsertResult => {
    const { storedAs, ...r } = upsertItems(sourceId, items, at, 'feed');
    succeeded(sourceId, at, latencyMs, cache, r.created.length);
    setListed.run(listedJson(listed, storedAs), sourceId);
    return r;
  });

  return {
    sync: async (sources) => sync(sources),
    all: async () => (all.all() as SourceRow[]).map(toHealth),
    get: async (id) => {
      const row = one.get(id) as SourceRow | undefined;
      return row ? toHealth(row) : undefined;
    },
    // IMMEDIATE: the write lock is taken before the read, so two processes cannot both see a source free.
    claimDue: async (now, limit, l, o = {}) => claim.immediate(now, limit, l.owner, l.ms, o),
    leases: async (now) => leases.all(now.toISOString()) as LeaseHeld[],
    release: async (id, owner) => void release.run(id, owner),
    recordSuccess: async (id, items, o) => recordSuccess(id, items, o.at, o.latencyMs, o.cache, o.listed ?? items.map((i) => i.id)),
    recordNotModified: async (id, o) => succeeded(id, o.at, o.latencyMs, o.cache, 0),
    recordFailure: async (id, error, o) =>
      void failure.run({ id, at: o.at.toISOString(), next: o.nextAttemptAt.toISOString(), code: error.code, status: error.status, message: error.message, latency: Math.round(o.latencyMs) }),
  };
}
