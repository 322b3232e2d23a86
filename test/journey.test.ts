import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VERSION } from '../src/shared/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { runJob, type ActionStandIn, type JobResult, type Workflow } from './helpers/actions-runner.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { startNpmRegistry, type NpmRegistry } from './helpers/npm-registry.js';
import { rssFeed } from './helpers/rss.js';
import { crawlSite } from './helpers/site-crawl.js';
import { expectSameSearch } from './helpers/site-search.js';
import { allItems } from './helpers/store.js';
import { tempDir } from './helpers/workspace.js';
import sharp from 'sharp';
import iconv from 'iconv-lite';

/**
 * The journey a user takes (issue 20): the package packed from this checkout, installed into a fresh
 * global prefix, `broadsheet init --github`, the starter config pointed at loopback feeds, then the
 * generated workflow's own steps, read from its YAML, on three fresh runners (a clone of a bare
 * origin each: no public/, no store file) while the feeds gain items.
 *
 * npm never reaches the network here: installs resolve against a registry on loopback that serves
 * what the package's npm-shrinkwrap.json locks, each tarball from npm's cache (which `npm ci` filled),
 * and better-sqlite3 finds its native module as a local prebuild made from this checkout's compiled
 * one instead of downloading it.
 */

const KEY = 'k3y-that-must-not-leak';
/** The picture every item shows: the user turns `site.images: copy` on. */
const picture = sharp({ create: { width: 640, height: 360, channels: 3, background: '#246' } }).png().toBuffer();
const REPO = resolve(import.meta.dirname, '..');
const PAGES_BASE = 'https://someone.github.io/news';
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const npm = (cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) => execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/** An install, which asks the loopback registry of this process: the event loop must stay free. */
const npmInstall = async (cwd: string, env: NodeJS.ProcessEnv, registry: NpmRegistry, spec: string) => {
  try {
    // The README's command: npm 12 runs a dependency's install script only when it is allowed.
    await promisify(execFile)('npm', ['install', '--global', '--allow-scripts=better-sqlite3', spec], { cwd, env, encoding: 'utf8' });
  } catch (e) {
    if (registry.missing.length) throw new Error(`npm's cache lacks ${registry.missing.join(', ')}: run npm ci first`, { cause: e });
    throw e;
  }
};

/** Every file of a folder that a Pages artifact holds (upload-pages-artifact leaves dotfiles out), `/`-separated. */
function publishedFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((f) => !f.split('/').some((part) => part.startsWith('.')))
    .sort();
}

describe('the whole journey: npm pack → global install → init --github → the workflow on fresh runners', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let feeds: FeedServer;
  let round = 0;
  /** The Actions cache's entries, oldest saved first: each a folder under `actions-cache/` named by its key. */
  const cacheKeys: string[] = [];
  const cacheEntry = (key: string) => join(ws.dir, 'actions-cache', key);
  let tarball = '';
  let workflow: Workflow;
  let workflowText = '';
  let initOutput = '';
  let registry: NpmRegistry;
  /** npm as the test runs it: the loopback registry, better-sqlite3's native module from this checkout. */
  const npmEnv = (prefix: string): NodeJS.ProcessEnv => {
    // A global prefix is there before any install (npm 11.19's strict check looks at it first).
    mkdirSync(join(prefix, 'lib'), { recursive: true });
    return {
      ...process.env,
      npm_config_prefix: prefix,
      npm_config_registry: registry.url,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_better_sqlite3_local_prebuilds: join(ws.dir, 'prebuilds'),
      // npm 12 skips every install script not allowed; npm 11 fails the install on one with this, so an
      // install command here or in the workflow that leaves one out fails rather than installing a
      // command that cannot open its store (npm 10 knows neither, and runs them all).
      npm_config_strict_allow_scripts: 'true',
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
    };
  };

  beforeAll(async () => {
    ws = await tempDir('broadsheet-journey-');
    registry = await startNpmRegistry(join(REPO, 'npm-shrinkwrap.json'));
    feeds = await startFeedServer({
      // One source fails every time: its back-off must carry from run to run.
      '/jinse/lives': (_req, res) => void res.writeHead(500).end('down'),
      '/pic/': async (_req, res) => void res.writeHead(200, { 'content-type': 'image/png' }).end(await picture),
      // A feed in GBK, as some Chinese sites still serve theirs.
      '/gbk.rss': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=gbk' }).end(iconv.encode(rssFeed('国内新闻', [1, 2].map((k) => ({ title: `地方新闻 第${k}条`, guid: `gbk/${k}`, link: `https://example.com/gbk/${k}`, pubDate: new Date(Date.UTC(2026, 11, 1) + k * 3_600_000).toUTCString(), description: `<p>正文 ${k}</p>` }))).replace('encoding="UTF-8"', 'encoding="GBK"'), 'gbk')),
      '/': (req, res) => {
        const route = new URL(req.url ?? '/', 'http://x').pathname;
        // Each round adds two items to every feed, newest first.
        const items = Array.from({ length: 2 * round }, (_, i) => 2 * round - i).map((k) => ({
          title: `${route} 第${k}条`, guid: `${route}/${k}`, link: `https://example.com${route}/${k}`,
          pubDate: new Date(Date.UTC(2026, 11, 1) + k * 3_600_000).toUTCString(), description: `<p>正文 ${k}</p><p><img src="${feeds.url}/pic${route}/${k}.png"></p>`,
        }));
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(`源 ${route}`, items));
      },
    });

    // better-sqlite3's native module, as a prebuild its installer finds without a download.
    mkdirSync(join(ws.dir, 'prebuilds'));
    const sqliteVersion = (JSON.parse(readFileSync(join(REPO, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string }).version;
    execFileSync('tar', ['czf', join(ws.dir, 'prebuilds', `better-sqlite3-v${sqliteVersion}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`), '-C', join(REPO, 'node_modules/better-sqlite3'), 'build/Release/better_sqlite3.node']);

    // A clean checkout of the project's files (what git would clone), packed: `npm pack` builds dist/ itself.
    const checkout = join(ws.dir, 'checkout');
    for (const f of git(REPO, 'ls-files', '-co', '--exclude-standard').split('\n').filter((f) => f && existsSync(join(REPO, f)))) cpSync(join(REPO, f), join(checkout, f));
    symlinkSync(join(REPO, 'node_modules'), join(checkout, 'node_modules'), 'dir');
    git(checkout, 'init', '-q', '-b', 'main');
    git(checkout, 'add', '-A');
    git(checkout, '-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'broadsheet');
    const packed = JSON.parse(npm(checkout, { ...process.env, npm_config_update_notifier: 'false' }, 'pack', '--json', '--pack-destination', ws.dir)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(ws.dir, packed[0]!.filename);

    // The user's machine: a global install from the tarball, then init.
    const user = join(ws.dir, 'user-global');
    await npmInstall(ws.dir, npmEnv(user), registry, tarball);
    ({ output: initOutput, workflow, text: workflowText } = startProject('project', 'origin.git', ['--github']));
  }, 300_000);
  afterAll(async () => {
    await feeds?.close();
    await registry?.close();
    await ws?.cleanup();
  });

  /**
   * A project as a user starts it with the installed command: `init <name> <flags>`, the starter's plain
   * feed pointed at loopback, committed and pushed to a bare origin (the repository on GitHub).
   */
  function startProject(name: string, origin: string, flags: string[]): { output: string; workflow: Workflow; text: string } {
    const output = execFileSync(join(ws.dir, 'user-global/bin/broadsheet'), ['init', name, ...flags], { cwd: ws.dir, encoding: 'utf8' });
    const project = join(ws.dir, name);
    const text = readFileSync(join(project, '.github/workflows/broadsheet.yml'), 'utf8');
    // The user turns the site's own thumbnails on, as the starter's comment says.
    writeFileSync(join(project, 'broadsheet.yml'), readFileSync(join(project, 'broadsheet.yml'), 'utf8').replace('https://www.solidot.org/index.rss', `${feeds.url}/plain.rss`).replace('  # images: copy\n', '  images: copy\n'));
    git(ws.dir, 'init', '-q', '--bare', '-b', 'main', origin);
    git(project, 'init', '-q', '-b', 'main');
    git(project, 'add', '-A');
    git(project, '-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'project');
    git(project, 'push', '-q', join(ws.dir, origin), 'main');
    return { output, workflow: parse(text) as Workflow, text };
  }

  it('packs what runs and nothing else, and installs a working command', () => {
    const entries = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((e) => e.replace(/^package\//, ''));
    expect(entries).toEqual(expect.arrayContaining(['bin/broadsheet', 'dist/cli.js', 'dist/cli/index.js', 'dist/pipeline/parse-worker.js', 'dist/site/search/index-worker.js', 'dist/shared/output/write-worker.js', 'dist/site/templates/layout.eta', 'dist/site/assets/site.css', 'dist/catalog/snapshot.json.gz', 'README.md', 'LICENSE', 'package.json', 'npm-shrinkwrap.json']));
    expect(entries.filter((e) => !/^(bin\/|dist\/|README\.md$|LICENSE$|package\.json$|npm-shrinkwrap\.json$)/.test(e))).toEqual([]);
    expect(entries.filter((e) => /\.(ts|map)$/.test(e) || /\.test\./.test(e))).toEqual([]);
    expect(readFileSync(join(ws.dir, 'checkout/LICENSE'), 'utf8')).toMatch(/^MIT License/);
    // Built already: no scripts ship (npm 12 would list a tarball's own `prepare` as blocked), and the
    // checkout's package.json is as it was.
    expect(execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })).not.toContain('"scripts"');
    expect(git(join(ws.dir, 'checkout'), 'status', '--porcelain')).toBe('');
    expect(execFileSync(join(ws.dir, 'user-global/bin/broadsheet'), ['--version'], { encoding: 'utf8' }).trim()).toBe(VERSION);
  });

  it('finds routes on a fresh install with no catalog update and no network (issue 24: "0 routes (no catalog yet)")', () => {
    const found = execFileSync(join(ws.dir, 'user-global/bin/broadsheet'), ['sources', 'search', '微博'], { cwd: join(ws.dir, 'project'), encoding: 'utf8', env: { ...process.env, RSSHUB_INSTANCE: 'http://127.0.0.1:9' } });
    // Patterns with their parameters, and the docs' example to copy from.
    expect(found).toMatch(/^ {2}\/weibo\/user\/:uid\S*  \(e\.g\. \/weibo\/user\/\d+\)  社交媒体 \/ 微博 \/ /m);
    expect(Number(/^(\d+) routes \(in the catalog shipped with Broadsheet/m.exec(found)![1])).toBeGreaterThanOrEqual(5);
  });

  it('reads, from the installed package, what only some configs need: a GBK feed, a /regex/ rule, a config with a mistake, sources add', async () => {
    // The command line is one bundle; these packages are required from it on first use and must resolve where npm put them.
    const dir = join(ws.dir, 'some-configs');
    mkdirSync(dir);
    // Asynchronously: the feeds are served by this process.
    const broadsheet = async (...args: string[]) => (await promisify(execFile)(join(ws.dir, 'user-global/bin/broadsheet'), args, { cwd: dir, encoding: 'utf8' })).stdout;
    writeFileSync(join(dir, 'broadsheet.yml'), `sources:\n  - url: ${feeds.url}/gbk.rss\n    category: 国内\n    site: 地方台\n    channel: 要闻\nrules:\n  - drop:\n      title: /第\\s*2\\s*条/\nsite:\n  out: public\n`);
    expect(await broadsheet('run')).toMatch(/^1 sources, 0 failed, 2 items/m);
    const home = readFileSync(join(dir, 'public/index.html'), 'utf8');
    expect(home).toContain('地方新闻 第1条');
    expect(home).not.toContain('地方新闻 第2条');
    writeFileSync(join(dir, 'bad.yml'), 'sources:\n  - url: https://example.com/a.xml\n    categroy: x\n');
    let err = '';
    try {
      await broadsheet('check', '-c', 'bad.yml');
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toContain('bad.yml:3: sources[0].categroy: unknown key categroy');
    expect(await broadsheet('sources', 'add', '/bbc/world')).toMatch(/1 added/);
    expect(readFileSync(join(dir, 'broadsheet.yml'), 'utf8')).toMatch(/^ {2}- route: \/bbc\/world$/m);
  }, 60_000);

  it('says how to mend an install whose better-sqlite3 never built (npm 12 without --allow-scripts)', async () => {
    const prefix = join(ws.dir, 'no-scripts-global');
    await promisify(execFile)('npm', ['install', '--global', '--ignore-scripts', tarball], { cwd: ws.dir, env: npmEnv(prefix), encoding: 'utf8' });
    const dir = join(ws.dir, 'no-scripts');
    mkdirSync(dir);
    writeFileSync(join(dir, 'broadsheet.yml'), `sources:\n  - url: ${feeds.url}/plain.rss\n    category: 新闻\n    site: 源\n    channel: 要闻\n`);
    const r = await promisify(execFile)(join(prefix, 'bin/broadsheet'), ['run'], { cwd: dir, encoding: 'utf8' }).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("better-sqlite3's compiled module is missing");
    expect(r.stderr).toContain('npm install --global --allow-scripts=better-sqlite3');
    expect(r.stderr).not.toContain('Could not locate the bindings file');
  }, 120_000);

  it('installs from git too: the release branch that npm run release-branch makes', async () => {
    const checkout = join(ws.dir, 'checkout');
    expect(npm(checkout, { ...process.env, npm_config_update_notifier: 'false' }, 'run', '--silent', 'release-branch')).toMatch(/^release: broadsheet \S+, built from [0-9a-f]{12}; push it with: git push origin release/m);
    expect(git(checkout, 'show', 'release:package.json')).not.toContain('"scripts"');
    const prefix = join(ws.dir, 'git-global');
    await npmInstall(ws.dir, npmEnv(prefix), registry, `git+file://${checkout}#release`);
    expect(execFileSync(join(prefix, 'bin/broadsheet'), ['--version'], { encoding: 'utf8' }).trim()).toBe(VERSION);
  }, 120_000);

  it('writes a workflow for today\'s GitHub that installs a spec that exists, and says so', () => {
    expect(initOutput).toContain(`wrote project/.github/broadsheet/broadsheet-${VERSION}.tgz: this Broadsheet ${VERSION}, packed, which the workflow installs`);
    expect(initOutput).toContain('GitHub Pages will serve the Broadsheet site in public/');
    expect(workflow.env.BROADSHEET_PACKAGE).toBe(`./.github/broadsheet/broadsheet-${VERSION}.tgz`);
    expect(existsSync(join(ws.dir, 'project', workflow.env.BROADSHEET_PACKAGE!))).toBe(true);
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    for (const u of uses) expect(u).toMatch(/^actions\/[\w-]+(\/[\w-]+)?@v\d+$/);
    expect(uses.sort()).toEqual(['actions/cache/restore@v5', 'actions/cache/restore@v5', 'actions/cache/save@v5', 'actions/cache/save@v5', 'actions/checkout@v6', 'actions/configure-pages@v6', 'actions/deploy-pages@v5', 'actions/setup-node@v6', 'actions/upload-pages-artifact@v5']);
    expect(workflow.jobs.run!.steps.find((s) => s.uses?.startsWith('actions/setup-node'))!.with!['node-version']).toBe(22);
    // The run's deadline is well inside the job's time limit.
    expect(workflow.env.RUN_DEADLINE).toBe('25m');
    expect(workflow.jobs.run!['timeout-minutes']).toBe(40);
    expect(workflow.permissions.actions).toBe('write');
    // The key reaches the run only as a secret, and nowhere else.
    expect(workflowText).toContain('RSSHUB_KEY: ${{ secrets.RSSHUB_KEY }}');
  });

  /** One scheduled run on a fresh runner: a new clone, then every step of the job as GitHub runs it. */
  async function scheduledRun(n: number, o: { breakOrigin?: boolean; origin?: string; workflow?: Workflow; stubs?: Record<string, string> } = {}): Promise<JobResult & { runner: string; artifact: string | null; gh: string }> {
    round = n;
    const runner = join(ws.dir, `runner-${n}`);
    git(ws.dir, 'clone', '-q', join(ws.dir, o.origin ?? 'origin.git'), runner);
    if (o.breakOrigin) git(runner, 'remote', 'set-url', 'origin', join(ws.dir, 'gone.git'));
    const scratch = join(ws.dir, `scratch-${n}`);
    const stubs = join(scratch, 'bin');
    mkdirSync(stubs, { recursive: true });
    // The GitHub CLI, recording what it is asked.
    writeFileSync(join(stubs, 'gh'), `#!/bin/sh\necho "gh $* (repo $GH_REPO, token $GH_TOKEN)" >> "${join(scratch, 'gh.log')}"\n`);
    chmodSync(join(stubs, 'gh'), 0o755);
    for (const [name, script] of Object.entries(o.stubs ?? {})) {
      writeFileSync(join(stubs, name), script);
      chmodSync(join(stubs, name), 0o755);
    }
    let artifact: string | null = null;
    const actions: Record<string, ActionStandIn> = {
      'actions/checkout': async () => undefined,
      'actions/setup-node': async (_s, inputs) => void expect(inputs['node-version']).toBe('22'),
      'actions/configure-pages': async () => ({ base_url: PAGES_BASE }),
      'actions/upload-pages-artifact': async (_s, inputs) => void (artifact = inputs.path!),
      // The Actions cache, as GitHub keeps it: the entry of the exact key, else the newest saved whose key
      // starts with the restore key; saving a key that exists is refused.
      'actions/cache/restore': async (_s, inputs) => {
        expect(inputs.key).toMatch(inputs.path === 'public' ? /^site-([0-9a-f]{64}|none)$/ : new RegExp(`^thumbnails-${n}$`));
        expect(inputs['restore-keys']).toBe(inputs.path === 'public' ? undefined : 'thumbnails-');
        const prefix = inputs['restore-keys'];
        const key = cacheKeys.includes(inputs.key!) ? inputs.key! : prefix ? cacheKeys.findLast((k) => k.startsWith(prefix)) : undefined;
        if (key !== undefined && existsSync(cacheEntry(key))) cpSync(cacheEntry(key), join(runner, inputs.path!), { recursive: true });
      },
      'actions/cache/save': async (_s, inputs) => {
        expect(inputs.key).toMatch(inputs.path === 'public' ? /^site-[0-9a-f]{64}$/ : new RegExp(`^thumbnails-${n}$`));
        if (cacheKeys.includes(inputs.key!) || !existsSync(join(runner, inputs.path!))) return;
        cpSync(join(runner, inputs.path!), cacheEntry(inputs.key!), { recursive: true });
        cacheKeys.push(inputs.key!);
      },
    };
    const env = npmEnv(join(runner, '.global'));
    env.PATH = `${stubs}:${env.PATH}`;
    const r = await runJob(o.workflow ?? workflow, 'run', {
      cwd: runner, scratch, actions,
      env: { ...env, RSSHUB_INSTANCE: feeds.url, GITHUB_RUN_NUMBER: String(n), GITHUB_REPOSITORY: 'someone/news' },
      contexts: { secrets: { RSSHUB_KEY: KEY }, github: { token: 'gh-token', repository: 'someone/news', run_id: String(n) } },
    });
    return { ...r, runner, artifact, gh: existsSync(join(scratch, 'gh.log')) ? readFileSync(join(scratch, 'gh.log'), 'utf8') : '' };
  }

  /** The data branch's commit on origin, or null before the first save. */
  const dataBranch = (): string | null => {
    try {
      return git(join(ws.dir, 'origin.git'), 'rev-parse', '--verify', '-q', 'broadsheet-data');
    } catch {
      return null;
    }
  };

  /** The store the run saved on the data branch, in a folder of its own with the project's config. */
  function savedStore(n: number): { dir: string; db: string } {
    const dir = join(ws.dir, `check-${n}`);
    mkdirSync(join(dir, '.broadsheet'), { recursive: true });
    const db = join(dir, '.broadsheet/broadsheet.db');
    writeFileSync(db, gunzipSync(execFileSync('git', ['cat-file', 'blob', 'broadsheet-data:broadsheet.db.gz'], { cwd: join(ws.dir, 'origin.git') })));
    cpSync(join(ws.dir, 'project/broadsheet.yml'), join(dir, 'broadsheet.yml'));
    return { dir, db };
  }

  /** What Pages would get from this run holds every page a full build from the saved store holds, and every link in it resolves. */
  async function expectWholeSite(run: Awaited<ReturnType<typeof scheduledRun>>, n: number): Promise<void> {
    expect(run.artifact).toBe('public');
    const uploaded = join(run.runner, run.artifact!);
    const saved = savedStore(n);
    execFileSync(join(ws.dir, 'user-global/bin/broadsheet'), ['build', '--full', '-q'], { cwd: saved.dir, env: { ...process.env, SITE_URL: `${PAGES_BASE}/`, RSSHUB_INSTANCE: feeds.url } });
    // Search tier folders are named by when they were indexed: compared by what they find, below.
    // Thumbnails are the run's (kept in the Actions cache), not the store's: counted below.
    const pages = (root: string) => publishedFiles(root).filter((f) => !/^search\/[^/]+\//.test(f) && !f.startsWith('thumbs/'));
    const reference = pages(join(saved.dir, 'public'));
    const got = pages(uploaded);
    expect(reference.length).toBeGreaterThan(40);
    expect(got).toEqual(reference);
    // The same bytes, but for the sources page, which carries the time it was built, and the list of search tiers.
    const differing = got.filter((f) => !f.startsWith('status/') && f !== 'search/index.json' && readFileSync(join(uploaded, f), 'utf8') !== readFileSync(join(saved.dir, 'public', f), 'utf8'));
    expect(differing).toEqual([]);
    // A picture for each item of the six sources that answer.
    expect(publishedFiles(uploaded).filter((f) => f.startsWith('thumbs/'))).toHaveLength(6 * 2 * n);
    await expectSameSearch(uploaded, join(saved.dir, 'public'), ['正文', '第1条', 'jinse', 'plain']);
    const { broken, seen } = crawlSite(uploaded, `${PAGES_BASE}/`);
    expect(broken).toEqual([]);
    expect(seen.size).toBeGreaterThan(40);
  }

  async function storeOnDataBranch(n: number): Promise<{ titles: string[]; failures: number; next: string | null }> {
    const store = openSqliteStore(savedStore(n).db);
    const titles = (await allItems(store)).map((i) => i.title).sort();
    const failing = (await store.sources.all()).find((s) => s.url.endsWith('/jinse/lives'));
    await store.close();
    return { titles, failures: failing?.consecutiveFailures ?? -1, next: failing?.nextAttemptAt ?? null };
  }

  it('keeps the deployed site whole and the store growing, run after run, on fresh runners', async () => {
    const first = await scheduledRun(1);
    expect({ failed: first.failed, log: first.failed ? first.log : '' }).toEqual({ failed: null, log: '' });
    expect(first.log).toContain('No broadsheet-data branch yet');
    await expectWholeSite(first, 1);
    const one = await storeOnDataBranch(1);
    expect(one.titles).toHaveLength(6 * 2);
    expect(one.failures).toBe(1);
    expect(first.gh).toMatch(/^gh workflow enable broadsheet\.yml \(repo someone\/news, token gh-token\)$/m);

    const pictures = () => feeds.requests.filter((q) => q.path.startsWith('/pic/')).length;
    expect(pictures()).toBe(6 * 2);
    const second = await scheduledRun(2);
    // The thumbnails came back from the Actions cache: only the new items' pictures were fetched.
    expect(pictures()).toBe(6 * 4);
    expect({ failed: second.failed, log: second.failed ? second.log : '' }).toEqual({ failed: null, log: '' });
    expect(second.log).toMatch(/Restored the store from broadsheet-data \(\d+ bytes\)/);
    // The site came back from the Actions cache, saved beside that very store: only what changed was written.
    expect(second.log).not.toContain('every page checked and written');
    const made = Number(/; site: (\d+) new, \d+ updated/.exec(second.log)![1]);
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(publishedFiles(join(second.runner, 'public')).length / 2);
    await expectWholeSite(second, 2);
    const two = await storeOnDataBranch(2);
    expect(two.titles).toHaveLength(6 * 4);
    // The failing source is still backing off from the first run's failure: not asked again, its next attempt kept.
    expect(one.next).not.toBeNull();
    expect([two.failures, two.next]).toEqual([1, one.next]);

    // GitHub evicted the site the second run kept: the fresh runner's empty public/ is noticed and built whole.
    const kept = cacheKeys.filter((k) => k.startsWith('site-'));
    expect(kept).toHaveLength(2);
    rmSync(cacheEntry(kept[1]!), { recursive: true });
    cacheKeys.splice(cacheKeys.indexOf(kept[1]!), 1);
    const third = await scheduledRun(3);
    expect(third.failed).toBeNull();
    expect(third.log).toMatch(/public holds no site output of this store \(no \.broadsheet-output\.json\): every page checked and written/);
    await expectWholeSite(third, 3);
    expect((await storeOnDataBranch(3)).titles).toHaveLength(6 * 6);
    // One commit on the data branch, replaced each time: no history of databases.
    expect(git(join(ws.dir, 'origin.git'), 'rev-list', '--count', 'broadsheet-data')).toBe('1');
    expect(first.log + second.log + third.log).not.toContain(KEY);
  }, 300_000);

  it('with --hexo, also builds the Hexo site and publishes both, each whole, with the posts\' times right', async () => {
    const hexoProject = startProject('hexo-project', 'hexo-origin.git', ['--github', '--hexo']);
    expect(hexoProject.output).toContain('GitHub Pages will serve both sites: Broadsheet at the root, Hexo under hexo/ (PAGES_SITE in the workflow: broadsheet, hexo or both)');
    expect(hexoProject.workflow.env.PAGES_SITE).toBe('both');
    const realNpm = execFileSync('which', ['npm'], { encoding: 'utf8' }).trim();
    // `npm install` in hexo/ is the registry's job; here the project's own Hexo 8 is linked in its place.
    const npmStub = `#!/bin/sh
if [ "$1" = install ] && [ "$(basename "$PWD")" = hexo ]; then ln -s "${join(REPO, 'node_modules')}" node_modules; exit 0; fi
exec "${realNpm}" "$@"
`;
    const r = await scheduledRun(5, { origin: 'hexo-origin.git', workflow: hexoProject.workflow, stubs: { npm: npmStub } });
    expect({ failed: r.failed, log: r.failed ? r.log : '' }).toEqual({ failed: null, log: '' });
    expect(r.artifact).toBe('_site');
    const site = join(r.runner, '_site');
    expect(crawlSite(site, `${PAGES_BASE}/`).broken).toEqual([]);
    const hexo = crawlSite(join(site, 'hexo'), `${PAGES_BASE}/hexo/`);
    expect(hexo.broken).toEqual([]);
    const posts = [...hexo.seen].filter((f) => /\/p\/[0-9a-f]+\.html$/.test(f));
    expect(posts).toHaveLength(6 * 2 * 5);
    // Each post shows its feed's time in Beijing time (the workflow's TZ), not 8 hours early.
    for (const file of posts) {
      const html = readFileSync(file, 'utf8');
      const k = Number(/第(\d+)条/.exec(html)![1]);
      const beijing = new Date(Date.UTC(2026, 11, 1) + k * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      expect(html).toContain(beijing);
    }
  }, 180_000);

  it('writes valid YAML for any package spec, a scoped one included', () => {
    const project = join(ws.dir, 'scoped');
    const out = execFileSync(join(ws.dir, 'user-global/bin/broadsheet'), ['init', project, '--github', '--package', "@scope/name@1.0.0 it's"], { cwd: ws.dir, encoding: 'utf8' });
    expect(out).toContain("the workflow installs @scope/name@1.0.0 it's");
    expect((parse(readFileSync(join(project, '.github/workflows/broadsheet.yml'), 'utf8')) as Workflow).env.BROADSHEET_PACKAGE).toBe("@scope/name@1.0.0 it's");
    expect(existsSync(join(project, '.github/broadsheet'))).toBe(false);
  });

  it('stops before writing anything when origin cannot be read, and the saved store stays', async () => {
    const before = dataBranch();
    const r = await scheduledRun(4, { breakOrigin: true });
    expect(r.failed).toBe('Restore the store');
    expect(r.log).toMatch(/Cannot read the broadsheet-data branch from origin \(git ls-remote exit \d+\): stopping before anything is written/);
    expect(r.ran).not.toContain('Fetch and build');
    expect(r.ran).not.toContain('Save the store');
    expect(dataBranch()).toBe(before);
  }, 120_000);
});
