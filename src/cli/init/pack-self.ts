import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BroadsheetError, PACKAGE_ROOT } from '../../shared/index.js';

/**
 * Pack the running Broadsheet (`npm pack` of its own folder, the package's `files` only) into `dir`
 * and return the tarball's name: an install spec that exists before Broadsheet is on any registry,
 * and installs exactly the version the project was started with.
 */
export function packSelf(dir: string): string {
  if (!existsSync(join(PACKAGE_ROOT, 'dist/cli.js'))) {
    throw new BroadsheetError('output.write', `cannot pack Broadsheet for the workflow: ${PACKAGE_ROOT} has no dist/ (run npm run build there), or pass --package <npm spec>`);
  }
  mkdirSync(dir, { recursive: true });
  let out: string;
  try {
    out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir, PACKAGE_ROOT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new BroadsheetError('output.write', `cannot pack Broadsheet for the workflow with npm (${(e as Error).message.split('\n')[0]}); pass --package <npm spec> instead`, {}, { cause: e });
  }
  const [packed] = JSON.parse(out) as Array<{ filename: string }>;
  if (!packed) throw new BroadsheetError('output.write', 'npm pack wrote no tarball; pass --package <npm spec> instead');
  return packed.filename;
}
