#!/usr/bin/env node
// `prepare`: build dist/. npm installs devDependencies before it, except in a global install from a
// git URL, where npm puts them elsewhere (npm/cli#8440): then they are installed here first, for the build only.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = (args, env = process.env) => execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: root, stdio: 'inherit', env });
if (!existsSync(join(root, 'node_modules/typescript/package.json'))) {
  npm(['install', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'], { ...process.env, npm_config_global: 'false', npm_config_prefix: root });
}
npm(['run', 'build']);
