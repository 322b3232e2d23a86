#!/usr/bin/env node
// `npm run release-branch`: commit what `npm pack` ships (dist/ built, no scripts) to the branch
// `release`, so `npm install --global github:<owner>/broadsheet#release` installs a working command.
// npm cannot install this repository's main branch globally from git: a package with a build step
// gets its dependencies installed in the wrong place there (npm/cli#8440). Push the branch afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const branch = process.argv[2] ?? 'release';
const sh = (cmd, args, o = {}) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...o }).trim();
const work = mkdtempSync(join(tmpdir(), 'broadsheet-release-'));
try {
  const [packed] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work]));
  sh('tar', ['xzf', join(work, packed.filename), '-C', work]);
  const dir = join(work, 'package');
  // The packed package.json has no scripts (scripts/pack-manifest.js): npm installs the branch as it is.
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // The tree of the packed folder, committed without touching the work tree or the index.
  const env = { ...process.env, GIT_INDEX_FILE: join(work, 'index'), GIT_WORK_TREE: dir };
  sh('git', ['add', '-A', '.'], { cwd: dir, env: { ...env, GIT_DIR: sh('git', ['rev-parse', '--absolute-git-dir']) } });
  const tree = sh('git', ['write-tree'], { env });
  const parent = (() => { try { return sh('git', ['rev-parse', '--verify', '-q', `refs/heads/${branch}`], { stdio: ['ignore', 'pipe', 'ignore'] }); } catch { return null; } })();
  const source = sh('git', ['rev-parse', 'HEAD']);
  const commit = sh('git', ['-c', 'user.name=broadsheet', '-c', 'user.email=broadsheet@users.noreply.github.com', 'commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', `broadsheet ${pkg.version} (built from ${source})`]);
  sh('git', ['update-ref', `refs/heads/${branch}`, commit]);
  console.log(`${branch}: broadsheet ${pkg.version}, built from ${source.slice(0, 12)}; push it with: git push origin ${branch}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
