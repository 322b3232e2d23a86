import type { Database } from 'better-sqlite3';
import type { InstancesPart } from '../types.js';
import { instanceSql, toInstance, type InstanceRow } from '../instances-sql.js';

export function instancesTable(db: Database): InstancesPart {
  const sql = instanceSql((param) => param);
  const all = db.prepare(sql.all);
  const ok = db.prepare(sql.ok);
  const failed = db.prepare(sql.failed);
  return {
    all: async () => (all.all() as InstanceRow[]).map(toInstance),
    recordOk: async (url, at) => void ok.run({ url, at: at.toISOString() }),
    recordFailure: async (url, e, o) =>
      toInstance(failed.get({ url, code: e.code, status: e.status, message: e.message, at: o.at.toISOString(), opensAfter: o.opensAfter, until: o.openUntil.toISOString() }) as InstanceRow),
  };
}
