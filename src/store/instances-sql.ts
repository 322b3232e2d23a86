import type { ErrorCode } from '../shared/index.js';
import type { InstanceHealth } from './parts/instances.js';

/**
 * The instances table's statements, once for both engines; `typed` is the dialect's way to name a
 * parameter's type (PostgreSQL cannot infer it inside CASE; SQLite needs nothing).
 */
export function instanceSql(typed: (param: string, type: 'int' | 'text') => string) {
  return {
    all: 'SELECT * FROM rsshub_instances ORDER BY url',
    ok: `INSERT INTO rsshub_instances (url, failures, last_ok_at) VALUES (@url, 0, @at)
         ON CONFLICT (url) DO UPDATE SET failures = 0, open_until = NULL, last_ok_at = excluded.last_ok_at`,
    failed: `INSERT INTO rsshub_instances (url, failures, open_until, last_error_code, last_error_status, last_error_message, last_error_at)
         VALUES (@url, 1, CASE WHEN 1 >= ${typed('@opensAfter', 'int')} THEN ${typed('@until', 'text')} END, @code, ${typed('@status', 'int')}, @message, @at)
         ON CONFLICT (url) DO UPDATE SET failures = rsshub_instances.failures + 1,
           open_until = CASE WHEN rsshub_instances.failures + 1 >= ${typed('@opensAfter', 'int')} THEN ${typed('@until', 'text')} ELSE rsshub_instances.open_until END,
           last_error_code = excluded.last_error_code, last_error_status = excluded.last_error_status,
           last_error_message = excluded.last_error_message, last_error_at = excluded.last_error_at
         RETURNING *`,
  };
}

export interface InstanceRow {
  url: string; failures: number; open_until: string | null; last_error_code: ErrorCode | null; last_error_status: number | null;
  last_error_message: string | null; last_error_at: string | null; last_ok_at: string | null;
}

export const toInstance = (r: InstanceRow): InstanceHealth => ({
  url: r.url,
  failures: r.failures,
  openUntil: r.open_until,
  lastError: r.last_error_code ? { code: r.last_error_code, status: r.last_error_status, message: r.last_error_message ?? '', at: r.last_error_at ?? '' } : null,
  lastOkAt: r.last_ok_at,
});
