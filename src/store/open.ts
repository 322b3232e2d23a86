import type { StoreSettings } from '../config/index.js';
import type { Store } from './types.js';
import { openPostgresStore } from './postgres/store.js';
import { openSqliteStore } from './sqlite/store.js';

/** The configured store: PostgreSQL when `store.url` is given, else the SQLite file at `store.path`. */
export const openStore = (settings: StoreSettings): Promise<Store> =>
  settings.url ? openPostgresStore(settings.url) : Promise.resolve(openSqliteStore(settings.path));

