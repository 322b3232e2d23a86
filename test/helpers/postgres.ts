import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** PostgreSQL's server programs: on PATH, or where Debian's packages put them. */
function serverBin(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/local/bin', ...(existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : [])];
  return dirs.find((d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

let told = false;
/** Say once, in one plain line, that the PostgreSQL tests do not run here. */
export function noteMissingPostgres(): void {
  if (told) return;
  told = true;
  console.log('PostgreSQL server programs (initdb, pg_ctl) not found: the PostgreSQL tests do not run (Debian: apt-get install postgresql)');
}

export const postgresAvailable = (): boolean => serverBin() !== null;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export interface PgCluster {
  /** A new, empty database on the cluster, as a URL for `store.url`. */
  newDatabase(): Promise<string>;
  stop(): void;
}

/**
 * A throwaway cluster: `initdb` on a temporary folder, `pg_ctl start` on a free loopback port (as the
 * `postgres` user when run as root, which PostgreSQL refuses), trust authentication on loopback only.
 */
export async function startPostgres(): Promise<PgCluster> {
  const bin = serverBin();
  if (!bin) throw new Error('no PostgreSQL server programs');
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-pg-'));
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asUser.length) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const run = (cmd: string, args: string[]): void => {
    const [file, ...rest] = [...asUser, join(bin, cmd), ...args];
    execFileSync(file!, rest, { stdio: 'pipe' });
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'broadsheet', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', ['start', '-w', '-D', data, '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`]);
  let n = 0;
  const admin = `postgres://broadsheet@127.0.0.1:${port}/postgres`;
  return {
    async newDatabase() {
      const name = `t${++n}_${process.pid}`;
      const c = new pg.Client(admin);
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      return `postgres://broadsheet@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        run('pg_ctl', ['stop', '-m', 'immediate', '-D', data]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
