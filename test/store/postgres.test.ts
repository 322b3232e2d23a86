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

  it('makes sure of a config one worker at a time, so workers starting together leave no source locked for the claims beside them', async () => {
    // Two syncs at once both found the rows missing and both wrote them all; the later held every
    // row till its commit, and a worker claiming meanwhile passed them all over (SKIP LOCKED): it
    // found nothing to do and, with --once, stopped (a flaky workers test in CI).
    const sources = Array.from({ length: 500 }, (_, n) => ({ id: `/s/${n}`, url: `https://x/${n}`, kind: 'rsshub' as const, category: 'c', site: 's', channel: `ch${n}`, options: { items: 1 } }));
    for (let round = 0; round < 3; round++) {
      const url = await cluster!.newDatabase();
      const stores = await Promise.all([0, 1, 2, 3].map(() => openPostgresStore(url)));
      const c = new pg.Client(url);
      await c.connect();
      try {
        // Every row a sync writes over is counted: the first sync inserts them, the others must find them and write none.
        await c.query(`CREATE TABLE rewritten (id text);
          CREATE FUNCTION note_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO rewritten VALUES (OLD.id); RETURN NEW; END $$;
          CREATE TRIGGER rewrite BEFORE UPDATE ON sources FOR EACH ROW EXECUTE FUNCTION note_rewrite()`);
        await Promise.all(stores.map((s) => s.sources.sync(sources)));
        expect((await c.query('SELECT count(*)::int AS n FROM rewritten')).rows).toEqual([{ n: 0 }]);
        expect((await c.query('SELECT count(*)::int AS n FROM sources')).rows).toEqual([{ n: sources.length }]);
      } finally {
        await c.end();
        await Promise.all(stores.map((s) => s.close()));
      }
    }
  });
});
