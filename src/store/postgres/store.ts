import pg from 'pg';
import { BroadsheetError } from '../../shared/index.js';
import type { Store } from '../types.js';
import { storeName } from '../name.js';
import { itemsPart } from './items.js';
import { migrate } from './migrations.js';
import { outputsPart } from './outputs.js';
import { hostsPart, runsPart } from './runs.js';
import { sourcesPart } from './sources.js';
import { instancesPart } from './instances.js';


/**
 * The Store on a PostgreSQL database (`store.url`): the same parts and contract as SQLite, for
 * several processes on several machines at once. Tables are made or brought up to date on open.
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const db = new pg.Pool({ connectionString: url, max: 4, application_name: 'broadsheet' });
  // An idle connection the server closes must not crash the process; the next query reconnects.
  db.on('error', () => undefined);
  try {
    await migrate(db);
  } catch (e) {
    await db.end().catch(() => undefined);
    throw new BroadsheetError('store.open', `cannot open the PostgreSQL store ${storeName({ path: '', url })}: ${(e as Error).message}. Check store.url (or DATABASE_URL) and that the server is running`, { file: storeName({ path: '', url }) }, { cause: e });
  }
  const outputs = outputsPart(db);
  return {
    sources: sourcesPart(db),
    items: itemsPart(db),
    outputs,
    runs: runsPart(db),
    hosts: hostsPart(db),
    instances: instancesPart(db),
    close: () => db.end(),
  };
}
