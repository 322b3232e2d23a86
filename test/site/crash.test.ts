import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureItem, siteFixture, type SiteFixture } from '../helpers/site-fixture.js';
import { filesUnder } from '../helpers/fixtures.js';
import { captureIo, writeConfig } from '../helpers/workspace.js';
import { main } from '../../src/cli/index.js';
import { expectSameSearch, siteFiles } from '../helpers/site-search.js';
import { seededRandom } from '../helpers/seed.js';
import { openSqliteStore } from '../../src/store/index.js';

const random = seededRandom();

const KILLS = 16;


describe('a build killed at any moment', () => {
  let fx: SiteFixture;
  let fetchOnly: string;
  beforeAll(async () => {
    fx = await siteFixture();
    // The same sources and store without `site:`: `run` stores items, the killed `build` makes the site.
    fetchOnly = await writeConfig(fx.dir, readFileSync(fx.config, 'utf8').replace(/site:\n(  .*\n)+/, ''), 'fetch-only.yml');
    for (let s = 0; s < fx.items.length; s++) fx.items[s]!.push(...Array.from({ length: 30 }, (_, k) => fixtureItem(s, 100 + k, fx.feeds.url)));
    expect(await main(['run', '-q', '-c', fetchOnly], captureIo(fx.dir))).toBe(0);
  }, 60_000);
  afterAll(() => fx?.close());

  /** `build` in a child process, SIGKILLed after `ms` unless it finished first: whether it was killed, and how long it ran. */
  const killedBuild = (ms: number, args: string[] = ['build', '--full']): Promise<{ killed: boolean; ms: number }> =>
    new Promise((done) => {
      const t0 = Date.now();
      const child = spawn(process.execPath, ['--import', 'tsx', resolve('test/helpers/cli-entry.ts'), ...args, '-c', fx.config], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('exit', (_code, signal) => {
        clearTimeout(timer);
        done({ killed: signal === 'SIGKILL', ms: Date.now() - t0 });
      });
    });

  /** What a reader could be served right now: every page whole. */
  function servedWhole(): void {
    for (const f of filesUnder(fx.out)) {
      if (f.endsWith('.html')) expect(readFileSync(f, 'utf8').trimEnd(), f).toMatch(/<\/html>$/);
      if (f.endsWith('.json')) expect(() => JSON.parse(readFileSync(f, 'utf8')), f).not.toThrow();
      if (f.endsWith('.xml')) expect(readFileSync(f, 'utf8').trimEnd(), f).toMatch(/<\/(urlset|sitemapindex|feed|rss)>$/);
    }
  }

  it(`never serves a half-written page, and the next build repairs the site (${KILLS} SIGKILLs)`, async () => {
    const startup = (await killedBuild(60_000, ['--version'])).ms;
    const first = await killedBuild(60_000);
    expect(first.killed).toBe(false);
    // How long a build of each kind runs here, learnt as we go (a busy machine makes the first guess long).
    const whole = { full: first.ms, incremental: first.ms };
    let interrupted = 0;
    for (let round = 0; interrupted < KILLS && round < KILLS * 4; round++) {
      // Something new each round, so incremental and full builds both have work.
      for (let s = 0; s < fx.items.length; s++) fx.items[s]!.push(fixtureItem(s, 200 + round, fx.feeds.url));
      expect(await main(['run', '-q', '-c', fetchOnly], captureIo(fx.dir))).toBe(0);
      const kind = round % 2 ? 'incremental' : 'full';
      const r = await killedBuild(startup * 0.8 + random() * Math.max(0, whole[kind] - startup * 0.8), kind === 'full' ? ['build', '--full'] : ['build']);
      if (r.killed) interrupted++;
      else whole[kind] = Math.min(whole[kind], r.ms);
      servedWhole();
    }
    console.log(`site crash safety: ${interrupted} builds killed (start-up ${startup} ms, full build ${whole.full} ms, incremental ${whole.incremental} ms)`);
    expect(interrupted).toBe(KILLS);
    // The next build repairs: the site equals one built from nothing out of the same store.
    expect(await main(['build', '-c', fx.config], captureIo(fx.dir))).toBe(0);
    servedWhole();
    const copy = join(fx.dir, 'copy.db');
    const db = new Database(join(fx.dir, 'state.db'));
    db.exec(`VACUUM INTO '${copy}'`);
    db.close();
    const other = await writeConfig(fx.dir, readFileSync(fx.config, 'utf8').replace('path: state.db', 'path: copy.db').replace('site:\n', 'site:\n  out: rebuilt\n'), 'rebuild.yml');
    expect(await main(['build', '--full', '-c', other], captureIo(fx.dir))).toBe(0);
    const [built, rebuilt] = [siteFiles(fx.out, filesUnder(fx.out)), siteFiles(join(fx.dir, 'rebuilt'), filesUnder(join(fx.dir, 'rebuilt')))];
    expect([...built.keys()].sort()).toEqual([...rebuilt.keys()].sort());
    expect([...built].filter(([k, v]) => rebuilt.get(k) !== v).map(([k]) => k)).toEqual([]);
    await expectSameSearch(fx.out, join(fx.dir, 'rebuilt'), ['经济', '段落内容', '新华社']);
  }, 600_000);
});

describe('a file a killed build wrote and never recorded', () => {
  let fx: SiteFixture;
  beforeAll(async () => {
    fx = await siteFixture();
    expect((await fx.run()).code).toBe(0);
  }, 60_000);
  afterAll(() => fx?.close());

  it('is written again by the next build, even when the page it should be is the one the manifest knows', async () => {
    const index = join(fx.out, 'search/index.json');
    const known = readFileSync(index, 'utf8');
    // What a full build killed between writing the search's list and recording it leaves: the list
    // names its new tier, the manifest still the old list, and the store says a build was cut short.
    writeFileSync(index, known.replace(/search\/[a-z0-9]+\//, 'search/killed0/'));
    const store = openSqliteStore(join(fx.dir, 'state.db'));
    await store.outputs('site').setValues(new Map([['building', '1']]));
    await store.close();
    expect((await fx.run(['build'])).code).toBe(0);
    expect(readFileSync(index, 'utf8')).toBe(known);
    await expectSameSearch(fx.out, fx.out, ['新华社']);
  });
});
