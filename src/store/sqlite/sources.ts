import type { Database } from 'better-sqlite3';
import type { Source } from '../../sources/index.js';
import type { HttpCache } from '../../fetch/index.js';
import type { SourceError, SourceHealth } from '../types.js';

interface SourceRow {
  id: string; kind: Source['kind']; url: string; category: string; site: string; channel: string;
  etag: string | null; last_modified: string | null; last_attempt_at: string | null; last_success_at: string | null;
  next_attempt_at: string | null; last_error_code: string | null; last_error_status: number | null;
  last_error_message: string | null; last_error_at: string | null; consecutive_failures: number;
  items_seen: number; fetches: number; total_latency_ms: number;
}

const toHealth = (r: SourceRow): SourceHealth => ({
  sourceId: r.id,
  url: r.url,
  kind: r.kind,
  category: r.category,
  site: r.site,
  channel: r.channel,
  lastAttemptAt: r.last_attempt_at,
  lastSuccessAt: r.last_success_at,
  lastError: r.last_error_code ? { code: r.last_error_code, status: r.last_error_status, message: r.last_error_message ?? '', at: r.last_error_at ?? '' } : null,
  consecutiveFailures: r.consecutive_failures,
  itemsSeen: r.items_seen,
  fetches: r.fetches,
  averageLatencyMs: r.fetches > 0 ? Math.round(r.total_latency_ms / r.fetches) : null,
  nextAttemptAt: r.next_attempt_at,
  cache: { ...(r.etag ? { etag: r.etag } : {}), ...(r.last_modified ? { lastModified: r.last_modified } : {}) },
});

/** The sources table: identity and names from the config, fetch state and health from runs. */
export function sourcesTable(db: Database) {
  const upsert = db.prepare(
    `INSERT INTO sources (id, kind, url, category, site, channel) VALUES (@id, @kind, @url, @category, @site, @channel)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, url = excluded.url, category = excluded.category, site = excluded.site, channel = excluded.channel`,
  );
  const all = db.prepare('SELECT * FROM sources ORDER BY id');
  const one = db.prepare('SELECT * FROM sources WHERE id = ?');
  const success = db.prepare(
    `UPDATE sources SET etag = @etag, last_modified = @lastModified, last_attempt_at = @at, last_success_at = @at, next_attempt_at = NULL,
       consecutive_failures = 0, items_seen = items_seen + @seen, fetches = fetches + 1, total_latency_ms = total_latency_ms + @latency WHERE id = @id`,
  );
  const failure = db.prepare(
    `UPDATE sources SET last_attempt_at = @at, next_attempt_at = @next, last_error_code = @code, last_error_status = @status,
       last_error_message = @message, last_error_at = @at, consecutive_failures = consecutive_failures + 1,
       fetches = fetches + 1, total_latency_ms = total_latency_ms + @latency WHERE id = @id`,
  );
  return {
    sync: db.transaction((sources: readonly Source[]) => {
      for (const s of sources) upsert.run({ id: s.id, kind: s.kind, url: s.url, category: s.category, site: s.site, channel: s.channel });
    }),
    all: (): SourceHealth[] => (all.all() as SourceRow[]).map(toHealth),
    one: (id: string): SourceHealth | undefined => {
      const row = one.get(id) as SourceRow | undefined;
      return row ? toHealth(row) : undefined;
    },
    /** A 304 is a success too: the validators may have changed (RFC 9111 keeps a new Last-Modified). */
    succeeded: (id: string, at: Date, latencyMs: number, cache: HttpCache, seen: number): void => {
      success.run({ id, at: at.toISOString(), latency: Math.round(latencyMs), seen, etag: cache.etag ?? null, lastModified: cache.lastModified ?? null });
    },
    failed: (id: string, error: Omit<SourceError, 'at'>, at: Date, latencyMs: number, next: Date): void => {
      failure.run({ id, at: at.toISOString(), next: next.toISOString(), code: error.code, status: error.status, message: error.message, latency: Math.round(latencyMs) });
    },
  };
}
