import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { filesUnder, postsUnder } from './helpers/fixtures.js';
import { FIXTURE_SOURCES, ITEMS_PER_SOURCE, siteFixture, type SiteFixture } from './helpers/site-fixture.js';
import { expectSameSearch, searchOnDisk, siteFiles } from './helpers/site-search.js';
import { captureIo, writeConfig } from './helpers/workspace.js';

/**
 * Issue 22: rules hide, they never delete. What they hide is left out of the site (pages, lists,
 * feeds, search, counts) and the Hexo posts at the next build, and comes back when a rule goes.
 */
const RULES = 'rules:\n  - drop: { title: 第2条 }\n  - keep: { title: "/第[1-4]条/" }\n    in: { category: 科技 }\n';
const TECH = FIXTURE_SOURCES.filter((s) => s.category === '科技').length;
const DROPPED = FIXTURE_SOURCES.length;
// Of the technology sources' items 5 to 7, none is the 2nd: the keep rule hides them.
const KEPT_OUT = TECH * (ITEMS_PER_SOURCE - 4);

describe('rules', () => {
  let fx: SiteFixture;
  const pages = () => filesUnder(join(fx.out, 'p')).map((f) => readFileSync(f, 'utf8'));
  const posts = () => postsUnder(join(fx.dir, 'posts'));
  beforeAll(async () => {
    fx = await siteFixture({ extraYaml: RULES });
  }, 60_000);
  afterAll(() => fx?.close());

  /** The site as built from nothing out of a copy of the same store equals the site built as things changed. */
  async function expectSameAsFullRebuild(name: string): Promise<void> {
    // A copy beside it, under the same file name (rules are named by their file and line).
    const dir = join(fx.dir, name);
    mkdirSync(dir);
    const db = new Database(join(fx.dir, 'state.db'));
    db.exec(`VACUUM INTO '${join(dir, 'state.db')}'`);
    db.close();
    const other = await writeConfig(dir, readFileSync(fx.config, 'utf8'));
    expect(await main(['build', '--full', '-q', '-c', other], captureIo(dir))).toBe(0);
    const [built, rebuilt] = [siteFiles(fx.out, filesUnder(fx.out)), siteFiles(join(dir, 'public'), filesUnder(join(dir, 'public')))];
    expect([...built.keys()].sort()).toEqual([...rebuilt.keys()].sort());
    expect([...built].filter(([k, v]) => rebuilt.get(k) !== v).map(([k]) => k)).toEqual([]);
    await expectSameSearch(fx.out, join(dir, 'public'), ['经济观察', '第2条', '第6条']);
  }

  it('leaves what they hide out of every page, feed, count, search and post, and says how many each hides', async () => {
    const r = await fx.run(['run', '-q', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.join('\n')) as { rules: { hidden: Record<string, number>; changed: number } };
    const lineOf = (text: string) => readFileSync(fx.config, 'utf8').split('\n').indexOf(text) + 1;
    expect(report.rules.hidden).toEqual({ [`broadsheet.yml:${lineOf('  - drop: { title: 第2条 }')} drop title`]: DROPPED, [`broadsheet.yml:${lineOf('  - keep: { title: "/第[1-4]条/" }')} keep title`]: KEPT_OUT });
    // The status page says it too, per rule in status.json.
    expect((JSON.parse(readFileSync(join(fx.out, 'status/status.json'), 'utf8')) as { rules: unknown }).rules).toEqual(report.rules.hidden);
    expect(readFileSync(join(fx.out, 'status/index.html'), 'utf8')).toContain(`规则隐藏了 ${DROPPED + KEPT_OUT} 条`);
    const shown = FIXTURE_SOURCES.length * ITEMS_PER_SOURCE - DROPPED - KEPT_OUT;
    expect(posts()).toHaveLength(shown);
    expect(pages().filter((p) => p.includes('<h1>'))).toHaveLength(shown);
    const everything = filesUnder(fx.out).filter((f) => /\.(html|xml|json)$/.test(f) && !f.includes('/search/')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(everything).not.toContain('第2条');
    expect(everything).not.toMatch(/(Apple新闻|apple博客|IT 之家热榜)第[5-7]条/);
    expect(readFileSync(join(fx.out, 'index.html'), 'utf8')).toContain(`${shown}`);
    expect((await searchOnDisk(fx.out).urls('经济观察')).length).toBe(shown);
    // rules test says the same before any build, per rule, for the whole store or one source.
    const t = await fx.run(['rules', 'test']);
    expect(t.stdout.join('\n')).toContain(`${DROPPED + KEPT_OUT} of ${FIXTURE_SOURCES.length * ITEMS_PER_SOURCE} stored items would be hidden`);
    expect(t.stdout.join('\n')).toMatch(/drop title +8 +\S+第2条/);
    const one = await fx.run(['rules', 'test', '--source', '/ithome/hot']);
    expect(one.stdout.join('\n')).toContain(`${1 + ITEMS_PER_SOURCE - 4} of ${ITEMS_PER_SOURCE} stored items of /ithome/hot would be hidden`);
    await expectSameAsFullRebuild('hidden');
  }, 120_000);

  it('brings back what a removed rule hid, in the site and the posts', async () => {
    writeFileSync(fx.config, readFileSync(fx.config, 'utf8').replace(RULES, ''));
    const r = await fx.run(['run', '-q', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.join('\n')) as { rules: { hidden: Record<string, number>; changed: number } };
    expect(report.rules).toEqual({ hidden: {}, changed: DROPPED + KEPT_OUT });
    const all = FIXTURE_SOURCES.length * ITEMS_PER_SOURCE;
    expect(posts()).toHaveLength(all);
    expect(pages().filter((p) => p.includes('<h1>'))).toHaveLength(all);
    expect(await searchOnDisk(fx.out).urls('经济观察')).toHaveLength(all);
    await expectSameAsFullRebuild('shown');
  }, 120_000);
});
