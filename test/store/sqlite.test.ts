import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations.js';
import { tempDir } from '../helpers/workspace.js';
import { storeContract } from './contract.js';

let ws: Awaited<ReturnType<typeof tempDir>>;
let n = 0;
beforeAll(async () => {
  ws = await tempDir();
});
afterAll(() => ws?.cleanup());

storeContract('SQLite', async () => openSqliteStore(join(ws.dir, `store-${++n}.db`)));

describe('SQLite store file', () => {
  it('uses WAL and the current schema version, and keeps data across reopening', async () => {
    const path = join(ws.dir, 'reopen.db');
    const s = openSqliteStore(path);
    await s.sources.sync([{ id: '/a', url: 'https://x/a', kind: 'rsshub', category: 'c', site: 's', channel: 'ch', options: { items: 1 } }]);
    await s.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    const again = openSqliteStore(path);
    expect((await again.sources.all()).map((h) => h.sourceId)).toEqual(['/a']);
    await again.close();
  });

  it('refuses a database from a newer Broadsheet, naming the file', () => {
    const path = join(ws.dir, 'future.db');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore(path)).toThrow(`${path} was written by a newer Broadsheet`);
  });

  it('lets six processes open one new store at the same instant (issue 20: was "table sources already exists")', async () => {
    const path = join(ws.dir, 'race.db');
    // Each process waits for the same moment, after all of them have started.
    const at = String(Date.now() + 4000);
    const runs = Array.from({ length: 6 }, () =>
      new Promise<string>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', resolve('test/helpers/open-store-at.ts'), path, at], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('close', () => done(out.trim()));
      }),
    );
    expect(await Promise.all(runs)).toEqual(Array(6).fill('ok'));
  }, 30_000);
});
