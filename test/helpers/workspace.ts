import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../../src/cli/index.js';

/** A fresh folder per test, removed afterwards. */
export async function tempDir(prefix = 'broadsheet-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeConfig(dir: string, yaml: string, name = 'broadsheet.yml'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, yaml);
  return path;
}

/** An Io that records what a command printed. */
export function captureIo(cwd: string, env: NodeJS.ProcessEnv = {}): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), env, cwd, stdout, stderr };
}
