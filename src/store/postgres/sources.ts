import type { HttpCache } from '../../fetch/index.js';
import type { LeaseHeld, SourcesPart } from '../types.js';
import { toHealth, type SourceRow } from '../rows.js';
import { exec, one, rows, transaction, type Client, type Db } from './db.js';
import { upsertItems, writingItems } from './items.js';
import { listedJson } from '../retention.js';

/** A 304 is a success too: the validators may have changed (RFC 9111 keeps a new Last-Modified). */
const succeeded = (c: Client, id: string, at: Date, latencyMs: number, cache: HttpCache, seen: number): Promise<number> =>
  exec(c,
    `UPDATE sources SET etag = @etag, last_modified = @lastModified, last_attempt_at = @at, last_success_at = @at, next_attempt_at = @fresh, served_by = @servedBy,
       consecutive_failures = 0, items_seen = items_seen + @seen, fetches = fetches + 1, total_latency_ms = total_latency_ms + @latency,
       lease_owner = NULL, lease_until = NULL WHERE id = @id`,
    { id, at: at.toISOString(), latency: Math.round(latencyMs), seen, etag: cache.etag ?? null, lastModified: cache.lastModified ?? null, fresh: cache.freshUntil ?? null, servedBy: cache.servedBy ?? null });

/** The sources table: identity and names from the config, fetch state, health and claims (leases any worker may hold). */
export function sourcesPart(db: Db): SourcesPart {
  return {
    sync: (sources) =>
      transaction(db, async (c) => {
        await writingItems(c);
        for (const [position, s] of sources.entries()) {
          const before = await one<{ category: string; site: string; channel: string }>(c, 'SELECT category, site, channel FROM sources WHERE id = @id', { id: s.id });
          await exec(c,
            `INSERT INTO sources (id, kind, url, category, site, channel, position) VALUES (@id, @kind, @url, @category, @site, @channel, @position)
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, url = excluded.url, category = excluded.category, site = excluded.site, channel = excluded.channel, position = excluded.position`,
            { id: s.id, kind: s.kind, url: s.url, category: s.category, site: s.site, channel: s.channel, position });
          // Renamed: every item of the source is filed elsewhere now, so readers must look at it again.
          if (before && (before.category !== s.category || before.site !== s.site || before.channel !== s.channel)) {
            await exec(c, "UPDATE items SET seq = nextval('item_seq'), category = @category, site = @site, channel = @channel WHERE source_id = @id", { id: s.id, category: s.category, site: s.site, channel: s.channel });
            // Stories the source carried but does not own: listed under its names, which changed.
            await exec(c, "UPDATE items i SET seq = nextval('item_seq') FROM item_sources c WHERE c.item_id = i.id AND c.source_id = @id AND i.source_id <> c.source_id", { id: s.id });
          }
        }
      }),
    all: async () => (await rows<SourceRow>(db, 'SELECT * FROM sources ORDER BY id')).map(toHealth),
    get: async (id) => {
      const row = await one<SourceRow>(db, 'SELECT * FROM sources WHERE id = @id', { id });
      return row ? toHealth(row) : undefined;
    },
    // SKIP LOCKED: workers claiming at once each get other sources, none waits for another.
    claimDue: async (now, limit, l, o = {}) => {
      const claimed = await rows<SourceRow>(db,
        `UPDATE sources SET lease_owner = @owner, lease_until = @until WHERE id IN (
           SELECT id FROM sources WHERE (@ids::text[] IS NULL OR id = ANY(@ids::text[]))
             AND (@force OR next_attempt_at IS NULL OR next_attempt_at <= @now)
             AND (lease_until IS NULL OR lease_until <= @now OR lease_owner = @owner)
             AND (@stale::text IS NULL OR last_attempt_at IS NULL OR last_attempt_at <= @stale::text)
           ORDER BY coalesce(next_attempt_at, ''), id LIMIT @limit FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        { ids: o.ids ? [...o.ids] : null, force: o.force ?? false, stale: o.staleForMs === undefined ? null : new Date(now.getTime() - o.staleForMs).toISOString(), now: now.toISOString(), owner: l.owner, until: new Date(now.getTime() + l.ms).toISOString(), limit });
      const key = (r: SourceRow): string => `${r.next_attempt_at ?? ''}\u0000${r.id}`;
      return claimed.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(toHealth);
    },
    leases: (now) => rows<LeaseHeld>(db, 'SELECT id AS "sourceId", lease_owner AS owner, lease_until AS until FROM sources WHERE lease_until > @now ORDER BY id', { now: now.toISOString() }),
    release: async (id, owner) => void (await exec(db, 'UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner', { id, owner })),
    recordSuccess: (id, items, o) =>
      transaction(db, async (c) => {
        await writingItems(c);
        const { storedAs, ...r } = await upsertItems(c, id, items, o.at, 'feed');
        await succeeded(c, id, o.at, o.latencyMs, o.cache, r.created.length);
        await exec(c, 'UPDATE sources SET listed = @listed WHERE id = @id', { id, listed: listedJson(o.listed ?? items.map((i) => i.id), storedAs) });
        return r;
      }),
    recordNotModified: async (id, o) => void (await succeeded(db, id, o.at, o.latencyMs, o.cache, 0)),
    recordFailure: async (id, error, o) =>
      void (await exec(db,
        `UPDATE sources SET last_attempt_at = @at, next_attempt_at = @next, last_error_code = @code, last_error_status = @status,
           last_error_message = @message, last_error_at = @at, consecutive_failures = consecutive_failures + 1,
           fetches = fetches + 1, total_latency_ms = total_latency_ms + @latency, lease_owner = NULL, lease_until = NULL WHERE id = @id`,
        { id, at: o.at.toISOString(), next: o.nextAttemptAt.toISOString(), code: error.code, status: error.status, message: error.message, latency: Math.round(o.latencyMs) })),
  };
}
