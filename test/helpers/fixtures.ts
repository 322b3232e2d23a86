import { existsSync, readdirSync, statSync } from 'node:fs';
import { MARKER_FILE } from '../../src/shared/index.js';
import { join, resolve } from 'node:path';

/** The shared corpus beside the repo (or $BROADSHEET_FIXTURES); null where a user's clone has none. */
export function sharedFixtures(): string | null {
  const dir = process.env.BROADSHEET_FIXTURES ?? resolve(import.meta.dirname, '../../../shared/fixtures');
  return existsSync(dir) ? dir : null;
}

let told = false;
/** Say once, in one plain line, that corpus tests do not run here. */
export function noteMissingFixtures(): void {
  if (told) return;
  told = true;
  console.log('shared fixtures not found (../shared/fixtures or $BROADSHEET_FIXTURES): corpus tests do not run');
}

/** Every file below `dir`, depth first. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The posts an output folder holds, relative to it: every file but the output's marker. */
export const postsUnder = (dir: string): string[] =>
  filesUnder(dir).map((f) => f.slice(dir.length + 1)).filter((f) => f !== MARKER_FILE).sort();
