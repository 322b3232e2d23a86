import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

async function query(url: string, sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export interface PgCluster {
  /** A new, empty database on the cluster, as a URL for `store.url`. */
  newDatabase(): Promise<string>;
  /** Statements the server ran in the database at `url` (pg_stat_statements, BEGIN and COMMIT included); null where the cluster was started without it. */
  statements(url: string): Promise<number | null>;
  /** CPU seconds the server's processes have used so far (the postmaster, its live children and those it has reaped). */
  cpuSeconds(): number;
  stop(): void;
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;

/** A process's /proc stat fields after its command (state, ppid, …); null once it has exited. */
function statOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime (+ cutime + cstime: its children reaped) in clock ticks; 0 for a process gone between listing and reading (its parent's reaped time has it). */
function ticks(pid: number, reaped: boolean): number {
  const f = statOf(pid);
  return f ? Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0) : 0;
}

const childrenOf = (ppid: number): number[] => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => Number(statOf(pid)?.[1]) === ppid);

/**
 * A throwaway cluster: `initdb` on a temporary folder, `pg_ctl start` on a free loopback port (as the
 * `postgres` user when run as root, which PostgreSQL refuses), trust authentication on loopback only.
 */
export async function startPostgres(o: { countStatements?: boolean } = {}): Promise<PgCluster> {
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
  run('pg_ctl', ['start', '-w', '-D', data, '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200${o.countStatements ? ' -c shared_preload_libraries=pg_stat_statements' : ''}`]);
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let n = 0;
  const admin = `postgres://broadsheet@127.0.0.1:${port}/postgres`;
  return {
    async newDatabase() {
      const name = `t${++n}_${process.pid}`;
      const c = new pg.Client(admin);
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      const url = `postgres://broadsheet@127.0.0.1:${port}/${name}`;
      if (o.countStatements) await query(url, 'CREATE EXTENSION pg_stat_statements');
      return url;
    },
    async statements(url) {
      if (!o.countStatements) return null;
      const name = new URL(url).pathname.slice(1);
      const r = await query(url, 'SELECT coalesce(sum(s.calls), 0)::bigint AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1', [name]);
      return Number(r[0]!.n);
    },
    cpuSeconds: () => (ticks(postmaster, true) + childrenOf(postmaster).reduce((t, pid) => t + ticks(pid, false), 0)) / TICKS,
    stop() {
      try {
        run('pg_ctl', ['stop', '-m', 'immediate', '-D', data]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
