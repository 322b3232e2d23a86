import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  seconds: number;
  /** Peak resident set of the process, from GNU time; null where /usr/bin/time is missing. */
  maxRssMb: number | null;
  stdout: string;
  code: number;
}

const GNU_TIME = '/usr/bin/time';

/** Run a command to completion, measuring wall time and (with GNU time) its peak RSS. */
export function measure(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  const timed = existsSync(GNU_TIME);
  const [bin, argv] = timed ? [GNU_TIME, ['-f', 'BENCH_RSS_KB=%M', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(bin, argv, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const kb = /BENCH_RSS_KB=(\d+)/.exec(stderr)?.[1];
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      resolve({ seconds, maxRssMb: kb ? Number(kb) / 1024 : null, stdout, code: code ?? 0 });
    });
  });
}

/** Hand `data` to child processes as a JSON file in the temp folder, removed once `use` returns. */
export function withJsonFile<T>(name: string, data: unknown, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), `broadsheet-bench-${name}-`));
  const file = join(dir, `${name}.json`);
  try {
    writeFileSync(file, JSON.stringify(data));
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
