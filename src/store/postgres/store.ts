import { BroadsheetError } from '../../shared/index.js';
import type { Store } from '../types.js';
import { storeName } from '../name.js';
import { migrate } from './migrations.js';
import { sqlStore } from '../sql/store.js';
import { postgresPort } from './port.js';
import { openPool } from './db.js';

/**
 * The Store on a PostgreSQL database (`store.url`): the same parts and contract as SQLite, for
 * several processes on several machines at once. Tables are made or brought up to date on open.
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const db = await openPool({ connectionString: url, max: 4, application_name: 'broadsheet' });
  try {
    await migrate(db);
  } catch (e) {
    await db.end().catch(() => undefined);
    throw new BroadsheetError('store.open', `cannot open the PostgreSQL store ${storeName({ path: '', url })}: ${(e as Error).message}. Check store.url (or DATABASE_URL) and that the server is running`, { file: storeName({ path: '', url }) }, { cause: e });
  }
  return sqlStore(postgresPort(db), () => db.end(), null);
}
