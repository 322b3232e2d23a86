import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/index.js';
import { PG_SCHEMA_VERSION } from '../../src/store/postgres/migrations.js';
import { noteMissingPostgres, postgresAvailable, startPostgres, type PgCluster } from '../helpers/postgres.js';
import { storeContract } from './contract.js';

const available = postgresAvailable();
if (!available) noteMissingPostgres();

let cluster: PgCluster | undefined;
beforeAll(async () => {
  if (available) cluster = await startPostgres();
}, 60_000);
afterAll(() => cluster?.stop());

if (available) storeContract('PostgreSQL', async () => openPostgresStore(await cluster!.newDatabase()));

describe.skipIf(!available)('PostgreSQL store', () => {
  it('makes its tables once, keeps data across reopening, and says a wrong address plainly', async () => {
    const url = await cluster!.newDatabase();
    const s = await openPostgresStore(url);
    await s.sources.sync([{ id: '/a', url: 'https://x/a', kind: 'rsshub', category: 'c', site: 's', channel: 'ch', options: { items: 1 } }]);
    await s.close();
    const again = await openPostgresStore(url);
    expect((await again.sources.all()).map((h) => h.sourceId)).toEqual(['/a']);
    await again.close();
    const c = new pg.Client(url);
    await c.connect();
    expect((await c.query('SELECT version FROM schema_version')).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    await c.end();
    await expect(openPostgresStore('postgres://nobody:secret@127.0.0.1:1/none')).rejects.toThrow(/cannot open the PostgreSQL store postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
  });
});
