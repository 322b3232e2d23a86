#!/usr/bin/env node
// `npm pack` (and publish) ship package.json without its scripts: `prepack` builds, then `strip`;
// `postpack` runs `restore`. An installed Broadsheet is built already, and npm 12 lists a tarball's own
// `prepare` as an install script it blocked (allowing it by name does not quiet it), which reads as a
// broken install. The clone keeps its scripts: `npm ci` there still builds through `prepare`.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = join(root, 'package.json');
const kept = join(root, '.package.json.packing');
const step = process.argv[2];

if (step === 'strip') {
  if (existsSync(kept)) {
    console.error(`${kept} is there: an earlier pack was cut short. Put it back first: node scripts/pack-manifest.js restore`);
    process.exit(1);
  }
  copyFileSync(manifest, kept);
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  delete pkg.scripts;
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (step === 'restore') {
  if (existsSync(kept)) renameSync(kept, manifest);
} else {
  console.error('usage: node scripts/pack-manifest.js strip|restore');
  process.exit(2);
}
