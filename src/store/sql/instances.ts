import type { ErrorCode } from '../../shared/index.js';
import type { InstanceHealth, InstancesPart } from '../parts/instances.js';
import { one, rows, run, type SqlPort } from './port.js';

interface InstanceRow {
  url: string; failures: number; open_until: string | null; last_error_code: ErrorCode | null; last_error_status: number | null;
  last_error_message: string | null; last_error_at: string | null; last_ok_at: string | null;
}

const toInstance = (r: InstanceRow): InstanceHealth => ({
  url: r.url,
  failures: r.failures,
  openUntil: r.open_until,
  lastError: r.last_error_code ? { code: r.last_error_code, status: r.last_error_status, message: r.last_error_message ?? '', at: r.last_error_at ?? '' } : null,
  lastOkAt: r.last_ok_at,
});

/** RSSHub instances' health: failures in a row and the breaker, in one statement each (runs and workers write at once). */
export function instancesPart(port: SqlPort): InstancesPart {
  const { typed } = port.dialect;
  const opens = `${typed('@opensAfter', 'int')}`;
  return {
    all: () => port.run(function* () {
      return (yield* rows<InstanceRow>('SELECT * FROM rsshub_instances ORDER BY url')).map(toInstance);
    }),
    recordOk: (url, at) => port.run(function* () {
      yield* run(
        `INSERT INTO rsshub_instances (url, failures, last_ok_at) VALUES (@url, 0, @at)
         ON CONFLICT (url) DO UPDATE SET failures = 0, open_until = NULL, last_ok_at = excluded.last_ok_at`, { url, at: at.toISOString() });
    }),
    recordFailure: (url, e, o) => port.run(function* () {
      const row = yield* one<InstanceRow>(
        `INSERT INTO rsshub_instances (url, failures, open_until, last_error_code, last_error_status, last_error_message, last_error_at)
         VALUES (@url, 1, CASE WHEN 1 >= ${opens} THEN ${typed('@until', 'text')} END, @code, ${typed('@status', 'int')}, @message, @at)
         ON CONFLICT (url) DO UPDATE SET failures = rsshub_instances.failures + 1,
           open_until = CASE WHEN rsshub_instances.failures + 1 >= ${opens} THEN ${typed('@until', 'text')} ELSE rsshub_instances.open_until END,
           last_error_code = excluded.last_error_code, last_error_status = excluded.last_error_status,
           last_error_message = excluded.last_error_message, last_error_at = excluded.last_error_at
         RETURNING *`,
        { url, code: e.code, status: e.status, message: e.message, at: o.at.toISOString(), opensAfter: o.opensAfter, until: o.openUntil.toISOString() });
      return toInstance(row!);
    }),
  };
}
