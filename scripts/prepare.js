#!/usr/bin/env node
// `prepare` (npm ci, npm pack, an install from git): build dist/. npm installs devDependencies before
// it, except in a global install from a git URL (npm/cli#8440), where this package's own folder is
// npm's to fill at that moment: then TypeScript alone, in a folder of its own, emits the same
// JavaScript without type checking (checking is the repository's own job, `npm test`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = process.env) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (existsSync(join(root, 'node_modules/typescript/package.json'))) {
  run(npm, ['run', 'build']);
} else {
  const tools = mkdtempSync(join(tmpdir(), 'broadsheet-build-'));
  try {
    const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    run(npm, ['install', '--prefix', tools, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `typescript@${devDependencies.typescript}`], { ...process.env, npm_config_global: 'false' });
    const config = join(tools, 'tsconfig.json');
    writeFileSync(config, JSON.stringify({ extends: join(root, 'tsconfig.build.json'), compilerOptions: { types: [], noCheck: true } }));
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    run(process.execPath, [join(tools, 'node_modules/typescript/bin/tsc'), '-p', config]);
    run(process.execPath, [join(root, 'scripts/copy-site-files.js')]);
  } finally {
    rmSync(tools, { recursive: true, force: true });
  }
}
