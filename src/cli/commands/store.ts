import { resolve } from 'node:path';
import { copyTables, openPostgresTables, openSqliteTables, storeName, type StoreTables } from '../../store/index.js';
import { BroadsheetError } from '../../shared/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';

const isUrl = (s: string): boolean => /^postgres(ql)?:\/\//.test(s);
const openTables = (target: string): Promise<StoreTables> => (isUrl(target) ? openPostgresTables(target) : Promise.resolve(openSqliteTables(target)));

/**
 * `broadsheet store copy --to <postgres://… | file.db>`: every item, body, source state, tombstone,
 * abbrlink, output manifest, note and name from the configured store into an empty one. The
 * configured store is only read; point `store.url` / `store.path` at the copy afterwards.
 */
export const storeCommand: Command = {
  name: 'store',
  usage: 'copy --to <postgres://user@host/db | file.db>',
  summary: 'copy the configured store into an empty PostgreSQL database or SQLite file',
  options: { to: { type: 'string', description: 'the empty store to copy into: a postgres:// URL or a SQLite file' } },
  async run(values, positionals, io) {
    if (positionals[0] !== 'copy' || typeof values.to !== 'string') throw new BroadsheetError('cli.usage', 'usage: broadsheet store copy --to <postgres://user@host:5432/db | file.db>');
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const target = isUrl(values.to) ? values.to : resolve(io.cwd, values.to);
    const from = ctx.config.store.url ? await openPostgresTables(ctx.config.store.url) : openSqliteTables(ctx.config.store.path);
    const name = storeName({ path: target, url: isUrl(target) ? target : undefined });
    try {
      const to = await openTables(target).catch((e: unknown) => {
        throw new BroadsheetError('store.open', `cannot open ${name}: ${(e as Error).message}`, { file: name }, { cause: e });
      });
      try {
        if ((await to.rowCount()) > 0) throw new BroadsheetError('cli.usage', `${name} already holds data: store copy writes only into an empty store (nothing was written)`);
        const copied = await copyTables(from, to);
        io.out(`copied ${storeName(ctx.config.store)} → ${name}: ${[...copied].map(([t, n]) => `${n} ${t}`).join(', ')}`);
        return 0;
      } finally {
        await to.close();
      }
    } finally {
      await from.close();
    }
  },
};
