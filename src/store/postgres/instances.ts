import type { InstancesPart } from '../types.js';
import { instanceSql, toInstance, type InstanceRow } from '../instances-sql.js';
import { exec, one, rows, type Db } from './db.js';

export function instancesPart(db: Db): InstancesPart {
  const sql = instanceSql((param, type) => `${param}::${type}`);
  return {
    all: async () => (await rows<InstanceRow>(db, sql.all)).map(toInstance),
    recordOk: async (url, at) => void (await exec(db, sql.ok, { url, at: at.toISOString() })),
    recordFailure: async (url, e, o) =>
      toInstance((await one<InstanceRow>(db, sql.failed, { url, code: e.code, status: e.status, message: e.message, at: o.at.toISOString(), opensAfter: o.opensAfter, until: o.openUntil.toISOString() }))!),
  };
}
