import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { startFeedServer, type FeedServer } from './helpers/feed-server.js';
import { rssFeed } from './helpers/rss.js';
import { allItems } from './helpers/store.js';
import { captureIo, tempDir } from './helpers/workspace.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, { steps: Step[] }>;
}

const KEY = 'k3y-that-must-not-leak';
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => done({ status, output }));
  });
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

describe('the GitHub Actions workflow of init --github', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let feeds: FeedServer;
  let workflow: Workflow;
  let text = '';
  let round = 0;

  beforeAll(async () => {
    ws = await tempDir('broadsheet-workflow-');
    feeds = await startFeedServer({
      // One source fails every time: its back-off must carry from run to run.
      '/jinse/lives': (_req, res) => void res.writeHead(500).end('down'),
      '/': (req, res) => {
        const route = new URL(req.url ?? '/', 'http://x').pathname;
        const items = [0, 1].map((k) => ({ title: `${route} 第${round}轮 ${k}`, guid: `${route}/${round}/${k}`, link: `https://example.com${route}/${round}/${k}`, pubDate: new Date(Date.UTC(2026, 10, 1, round, k)).toUTCString(), description: `<p>正文 ${round}</p>` }));
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('源', items));
      },
    });
    const project = join(ws.dir, 'project');
    expect(await main(['init', project, '--github', '--package', 'broadsheet@test'], captureIo(ws.dir))).toBe(0);
    text = readFileSync(join(project, '.github/workflows/broadsheet.yml'), 'utf8');
    workflow = parse(text) as Workflow;
    writeFileSync(join(project, 'broadsheet.yml'), readFileSync(join(project, 'broadsheet.yml'), 'utf8').replace('https://www.solidot.org/index.rss', `${feeds.url}/plain.rss`));
    // The repository on GitHub: a bare origin holding the project.
    git(ws.dir, 'init', '-q', '--bare', '-b', 'main', 'origin.git');
    git(project, 'init', '-q', '-b', 'main');
    git(project, 'add', '-A');
    git(project, '-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'project');
    git(project, 'push', '-q', join(ws.dir, 'origin.git'), 'main');
  });
  afterAll(async () => {
    await feeds?.close();
    await ws?.cleanup();
  });

  it('parses, runs on a schedule and by hand, one at a time, with official actions pinned to a major version', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const u of uses) expect(u).toMatch(/^actions\/[\w-]+@v\d+$/);
    expect(uses).toEqual(expect.arrayContaining(['actions/checkout@v4', 'actions/upload-pages-artifact@v3', 'actions/deploy-pages@v4', 'actions/configure-pages@v5']));
    // The key reaches the run only as a secret, and nowhere else.
    expect(text.match(/RSSHUB_KEY/g)).toHaveLength(3);
    expect(text).toContain('RSSHUB_KEY: ${{ secrets.RSSHUB_KEY }}');
    expect(workflow.env.BROADSHEET_PACKAGE).toBe('broadsheet@test');
  });

  /** One scheduled run on a fresh runner: a new clone, then the workflow's own scripts for restore, run and save. */
  async function scheduledRun(n: number): Promise<{ log: string }> {
    round = n;
    const runner = join(ws.dir, `runner-${n}`);
    git(ws.dir, 'clone', '-q', join(ws.dir, 'origin.git'), runner);
    // `npm install --global "$BROADSHEET_PACKAGE"` stands in as a command on PATH running this checkout.
    const bin = join(runner, '.bin');
    mkdirSync(bin);
    const tsx = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
    writeFileSync(join(bin, 'broadsheet'), `#!/bin/sh\nexec "${process.execPath}" --import ${tsx} ${resolve('test/helpers/cli-entry.ts')} "$@"\n`);
    chmodSync(join(bin, 'broadsheet'), 0o755);
    const steps = workflow.jobs.run!.steps;
    let log = '';
    for (const name of ['Restore the store', 'Fetch and build', 'Save the store']) {
      const step = steps.find((s) => s.name === name)!;
      const stepEnv = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace('${{ secrets.RSSHUB_KEY }}', KEY).replace('${{ steps.pages.outputs.base_url }}', 'https://someone.github.io/news')]),
      );
      // Asynchronously: the feeds are served by this very process.
      const r = await bash(step.run!, runner, { ...process.env, ...workflow.env, ...stepEnv, PATH: `${bin}:${process.env.PATH}`, RSSHUB_INSTANCE: feeds.url, GITHUB_RUN_NUMBER: String(n) });
      log += r.output;
      expect({ step: name, status: r.status, log }).toMatchObject({ step: name, status: 0 });
    }
    expect(readFileSync(join(runner, 'public/index.html'), 'utf8')).toContain('href="/news/');
    return { log };
  }

  async function storeOnDataBranch(): Promise<{ titles: string[]; failures: number; next: string | null }> {
    const file = join(ws.dir, `saved-${round}.db`);
    writeFileSync(file, gunzipSync(execFileSync('git', ['cat-file', 'blob', 'broadsheet-data:broadsheet.db.gz'], { cwd: join(ws.dir, 'origin.git') })));
    const store = openSqliteStore(file);
    const titles = (await allItems(store)).map((i) => i.title).sort();
    const failing = (await store.sources.all()).find((s) => s.url.endsWith('/jinse/lives'));
    await store.close();
    return { titles, failures: failing?.consecutiveFailures ?? -1, next: failing?.nextAttemptAt ?? null };
  }

  it('carries the store from run to run on the data branch: items and back-off survive, the key never shows', async () => {
    const first = await scheduledRun(1);
    expect(first.log).toContain('No broadsheet-data branch yet');
    const one = await storeOnDataBranch();
    expect(one.titles.filter((t) => t.includes('第1轮'))).toHaveLength(12);
    expect(one.failures).toBe(1);

    const second = await scheduledRun(2);
    expect(second.log).toMatch(/Restored the store from broadsheet-data \(\d+ bytes\)/);
    const two = await storeOnDataBranch();
    // The first run's items are still there beside the second's.
    expect(two.titles.filter((t) => t.includes('第1轮'))).toHaveLength(12);
    expect(two.titles.filter((t) => t.includes('第2轮'))).toHaveLength(12);
    // The failing source is still backing off from the first run's failure: not asked again, its next attempt kept.
    expect(one.next).not.toBeNull();
    expect([two.failures, two.next]).toEqual([1, one.next]);
    // One commit on the data branch, replaced each time: no history of databases.
    expect(git(join(ws.dir, 'origin.git'), 'rev-list', '--count', 'broadsheet-data')).toBe('1');
    expect(first.log + second.log).not.toContain(KEY);
  }, 120_000);
});
