import type { LeaseHeld, SourceRecord, SourcesPart } from '../parts/sources.js';
import type { Upserted, UpsertResult } from '../parts/items.js';
import { SOURCE_COLUMNS, toHealth, type SourceRow } from '../rows.js';
import { listedJson } from '../retention.js';
import { insertMany, one, rows, run, type Dialect, type Sql, type SqlPort } from './port.js';
import { upsertSources } from './upsert.js';

/** A 304 is a success too: the validators may have changed (RFC 9111 keeps a new Last-Modified). Every row of `r` in one statement. */
const succeeded = (d: Dialect): string =>
  `UPDATE sources SET etag = r.etag, last_modified = r.modified, last_attempt_at = r.at, last_success_at = r.at, next_attempt_at = r.fresh, served_by = r.served_by,
     consecutive_failures = 0, items_seen = items_seen + r.seen, fetches = fetches + 1, total_latency_ms = total_latency_ms + r.latency,
     listed = coalesce(r.listed, sources.listed), lease_owner = NULL, lease_until = NULL
   FROM ${d.rowsOf('@rows', { id: 'text', etag: 'text', modified: 'text', at: 'text', fresh: 'text', served_by: 'text', seen: 'int', latency: 'int', listed: 'text' })} WHERE sources.id = r.id`;

const failedAt = (d: Dialect): string =>
  `UPDATE sources SET last_attempt_at = r.at, next_attempt_at = r.next, last_error_code = r.code, last_error_status = r.status,
     last_error_message = r.message, last_error_at = r.at, consecutive_failures = consecutive_failures + 1,
     fetches = fetches + 1, total_latency_ms = total_latency_ms + r.latency, lease_owner = NULL, lease_until = NULL
   FROM ${d.rowsOf('@rows', { id: 'text', at: 'text', next: 'text', code: 'text', status: 'int', message: 'text', latency: 'int' })} WHERE sources.id = r.id`;

/** Several sources' results: items in one upsert, then each kind of row in one UPDATE (at most four statements besides the upsert's). */
function* recorded(d: Dialect, batch: readonly SourceRecord[]): Sql<Array<UpsertResult | null>> {
  const ok = batch.flatMap((r) => (r.kind === 'success' ? [r] : []));
  const upserted = yield* upsertSources(d, ok.map((r) => ({ sourceId: r.sourceId, items: r.items, at: r.at })), 'feed');
  const of = new Map<SourceRecord, Upserted>(ok.map((r, k) => [r, upserted[k]!]));
  const fine = batch.flatMap((r) => (r.kind === 'failure' ? [] : [{
    id: r.sourceId, etag: r.cache.etag ?? null, modified: r.cache.lastModified ?? null, at: r.at.toISOString(), fresh: r.cache.freshUntil ?? null, served_by: r.cache.servedBy ?? null,
    seen: of.get(r)?.created.length ?? 0, latency: Math.round(r.latencyMs), listed: r.kind === 'success' ? listedJson(r.listed ?? r.items.map((i) => i.id), of.get(r)!.storedAs) : null,
  }]));
  const failed = batch.flatMap((r) => (r.kind === 'failure' ? [{
    id: r.sourceId, at: r.at.toISOString(), next: r.nextAttemptAt.toISOString(), code: r.error.code, status: r.error.status, message: r.error.message, latency: Math.round(r.latencyMs),
  }] : []));
  if (fine.length) yield* run(succeeded(d), { rows: JSON.stringify(fine) });
  if (failed.length) yield* run(failedAt(d), { rows: JSON.stringify(failed) });
  return batch.map((r) => {
    const u = of.get(r);
    if (!u) return null;
    const { storedAs: _, ...result } = u;
    return result;
  });
}

/** The due sources, in the order they are due, leased to `@owner` in one statement (claims at once never meet). */
const claim = (d: Dialect): string =>
  `UPDATE sources SET lease_owner = @owner, lease_until = @until WHERE id IN (
     SELECT id FROM sources WHERE (${d.typed('@all', 'bool')} OR ${d.inList('id', '@ids')})
       AND (${d.typed('@force', 'bool')} OR next_attempt_at IS NULL OR next_attempt_at <= @now)
       AND (lease_until IS NULL OR lease_until <= @now OR lease_owner = @owner)
       AND (${d.typed('@stale', 'text')} IS NULL OR last_attempt_at IS NULL OR last_attempt_at <= @stale)
     ORDER BY coalesce(next_attempt_at, ''), id LIMIT @limit${d.skipLocked})
   RETURNING ${SOURCE_COLUMNS}`;

/** The sources table: identity and names from the config, fetch state, health and claims (leases any worker may hold). */
export function sourcesPart(port: SqlPort): SourcesPart {
  const d = port.dialect;
  const part: SourcesPart = {
    sync: (sources) => port.tx(function* () {
      // Two statements for any number of sources, and a row written only where the config changed it
      // (workers starting beside busy ones then wait for no row another holds). Syncs go one at a time:
      // two at once both found the rows missing and both wrote them all, and a row the later one held
      // till its commit was passed over by every claim meanwhile (a worker starting beside it found none).
      type Row = { id: string; kind: string; url: string; category: string; site: string; channel: string; position: number };
      const before = new Map((yield* rows<Row>(`SELECT id, kind, url, category, site, channel, position FROM sources WHERE ${d.inList('id', '@ids')}`, { ids: sources.map((s) => s.id) })).map((r) => [r.id, r]));
      const now = sources.map((s, position): Row => ({ id: s.id, kind: s.kind, url: s.url, category: s.category, site: s.site, channel: s.channel, position }));
      const same = (a: Row, b: Row | undefined): boolean => b !== undefined && (Object.keys(a) as Array<keyof Row>).every((k) => String(a[k]) === String(b[k]));
      yield* insertMany('sources', ['id', 'kind', 'url', 'category', 'site', 'channel', 'position'], now.filter((r) => !same(r, before.get(r.id))), {
        ints: ['position'],
        conflict: 'ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, url = excluded.url, category = excluded.category, site = excluded.site, channel = excluded.channel, position = excluded.position',
      });
      for (const s of sources) {
        const was = before.get(s.id);
        // Renamed: every item of the source is filed elsewhere now, so readers must look at it again.
        if (was && (was.category !== s.category || was.site !== s.site || was.channel !== s.channel)) {
          yield* run(`UPDATE items SET seq = ${d.nextSeq}, category = @category, site = @site, channel = @channel WHERE source_id = @id`, { id: s.id, category: s.category, site: s.site, channel: s.channel });
          // Stories the source carried but does not own: listed under its names, which changed.
          yield* run(`UPDATE items SET seq = ${d.nextSeq} WHERE id IN (SELECT c.item_id FROM item_sources c WHERE c.source_id = @id) AND source_id <> @id`, { id: s.id });
        }
      }
    }, 'sync'),
    all: () => port.run(function* () {
      return (yield* rows<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY id`)).map(toHealth);
    }),
    get: (id) => port.run(function* () {
      const row = yield* one<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = @id`, { id });
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
    renew: (owner, until) => port.run(() => run('UPDATE sources SET lease_until = @until WHERE lease_owner = @owner', { owner, until: until.toISOString() })),
    // Items take the items lock (their change numbers); a batch of 304s and failures writes only sources rows.
    record: (batch) => (batch.some((r) => r.kind === 'success' && r.items.length > 0) ? port.tx(() => recorded(d, batch), 'items') : port.run(() => recorded(d, batch))),
    recordSuccess: async (sourceId, items, o) => (await part.record([{ kind: 'success', sourceId, items, ...o }]))[0]!,
    recordNotModified: async (sourceId, o) => void (await part.record([{ kind: 'not-modified', sourceId, ...o }])),
    recordFailure: async (sourceId, error, o) => void (await part.record([{ kind: 'failure', sourceId, error, ...o }])),
  };
  return part;
}
