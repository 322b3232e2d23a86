import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureItem, siteFixture, type SiteFixture } from '../helpers/site-fixture.js';
import { filesUnder, postsUnder } from '../helpers/fixtures.js';
import { captureIo, writeConfig } from '../helpers/workspace.js';
import { main } from '../../src/cli/index.js';
import { expectSameSearch, searchOnDisk, siteFiles } from '../helpers/site-search.js';
import { openSqliteStore } from '../../src/store/index.js';


describe('an incremental build', () => {
  let fx: SiteFixture;
  beforeAll(async () => {
    fx = await siteFixture({ extraYaml: 'retention:\n  perSource: 7\n' });
    expect((await fx.run()).code).toBe(0);
  }, 60_000);
  afterAll(() => fx?.close());

  it('rewrites only what changed, and comes out byte-identical to a full rebuild', async () => {
    const before = new Map(filesUnder(fx.out).map((f) => [f, statSync(f).mtimeMs]));
    const untouched = filesUnder(join(fx.out, 'p')).filter((f) => readFileSync(f, 'utf8').includes('<h1>IT 之家热榜第3条'));
    expect(untouched).toHaveLength(1);
    // New items (and retention pruning the oldest, which the feed lists no more), an edited title, and a second
    // source reporting a new story.
    fx.items[0]!.splice(0, 3);
    fx.items[0]!.push(...[7, 8, 9].map((k) => fixtureItem(0, k, fx.feeds.url)));
    fx.items[2]![1] = { ...fx.items[2]![1]!, title: '人民网要闻：标题改了' };
    fx.items[3]!.push({ ...fixtureItem(3, 7, fx.feeds.url), link: fixtureItem(0, 9, fx.feeds.url).link });
    const r = await fx.run(['run', '-q', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.join('\n')) as { outputs: { site: { created: number; updated: number; removed: number } } };
    expect(report.outputs.site.created).toBeGreaterThanOrEqual(3);
    expect(report.outputs.site.removed).toBeGreaterThanOrEqual(3);
    // An article nobody touched was not written again.
    expect(statSync(untouched[0]!).mtimeMs).toBe(before.get(untouched[0]!));
    const newest = filesUnder(join(fx.out, 'p')).find((f) => readFileSync(f, 'utf8').includes('<h1>新华社国内第10条'))!;
    expect(readFileSync(newest, 'utf8')).toMatch(/也有报道[\s\S]*Apple · 新闻/);
    expect(filesUnder(join(fx.out, 'p')).some((f) => readFileSync(f, 'utf8').includes('<h1>新华社国内第1条：'))).toBe(false); // pruned

    await expectSameAsFullRebuild(fx);
    await expectSameSearch(fx.out, REBUILT(fx), ['经济观察', '标题改了', '新华社', '段落', 'apple']);
    expect(await searchOnDisk(fx.out).urls('标题改了')).toHaveLength(1);
  }, 60_000);

  it('writes nothing when nothing changed', async () => {
    const before = new Map(filesUnder(fx.out).map((f) => [f, statSync(f).mtimeMs]));
    const r = await fx.run(['build']);
    expect(r.code).toBe(0);
    expect(r.stdout[0]).toMatch(/^site: 0 new, 0 updated, \d+ unchanged, 0 removed files \(0 articles rebuilt\)/);
    const changed = filesUnder(fx.out).filter((f) => statSync(f).mtimeMs !== before.get(f));
    expect(changed).toEqual([]);
  });

  it('is not built whole when the project moved to another folder', async () => {
    const moved = `${fx.dir}-moved`;
    renameSync(fx.dir, moved);
    try {
      const io = captureIo(moved);
      expect(await main(['build', '-c', join(moved, basename(fx.config))], io)).toBe(0);
      expect(io.stdout[0]).toMatch(/^site: 0 new, 0 updated, \d+ unchanged, 0 removed files \(0 articles rebuilt\)/);
    } finally {
      renameSync(moved, fx.dir);
    }
  });
});

describe('an output folder that is not the one its manifest describes', () => {
  let fx: SiteFixture;
  const snapshot = () => ({ site: siteFiles(fx.out, filesUnder(fx.out)), posts: new Map(postsUnder(join(fx.dir, 'posts')).map((f) => [f, readFileSync(join(fx.dir, 'posts', f), 'utf8')])) });
  beforeAll(async () => {
    fx = await siteFixture();
    expect((await fx.run()).code).toBe(0);
  }, 60_000);
  afterAll(() => fx?.close());

  it('is written whole again by the next run when deleted (issue 20: a fresh runner has no public/)', async () => {
    const whole = snapshot();
    expect(whole.site.size).toBeGreaterThan(100);
    rmSync(fx.out, { recursive: true });
    rmSync(join(fx.dir, 'posts'), { recursive: true });
    fx.items[0]!.push(fixtureItem(0, 7, fx.feeds.url));
    const r = await fx.run(['run']);
    expect(r.code).toBe(0);
    expect(r.stdout.join('\n')).toMatch(/public holds no site output of this store \(no \.broadsheet-output\.json\): every page checked and written/);
    expect(r.stdout.join('\n')).toMatch(/posts holds no hexo output of this store .*: every post checked and written/);
    const after = snapshot();
    // Everything there was, plus the new item's article and post.
    for (const key of whole.site.keys()) expect(after.site.has(key), key).toBe(true);
    expect(after.site.size).toBeGreaterThan(whole.site.size);
    expect(after.posts.size).toBe(whole.posts.size + 1);
    // The next run trusts the folder again: nothing to write, nothing said.
    const again = await fx.run(['run']);
    expect(again.stdout.join('\n')).not.toMatch(/every (page|post) checked/);
    expect(again.stdout.join('\n')).toMatch(/posts: 0 new, 0 updated, 0 unchanged.*; site: 0 new,/);
  }, 60_000);

  it('comes back from `build` and `hexo` when emptied, byte for byte', async () => {
    const whole = snapshot();
    for (const dir of [fx.out, join(fx.dir, 'posts')]) for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true });
    const built = await fx.run(['build']);
    expect(built.code).toBe(0);
    expect(built.stdout[0]).toMatch(/every page checked and written/);
    expect((await fx.run(['hexo'])).code).toBe(0);
    const after = snapshot();
    expect([...after.site.keys()].sort()).toEqual([...whole.site.keys()].sort());
    expect([...after.site].filter(([k, v]) => whole.site.get(k) !== v).map(([k]) => k)).toEqual([]);
    expect(after.posts).toEqual(whole.posts);
  }, 60_000);

  it('is built whole when it holds another store\'s output', async () => {
    // Another store, which built its site elsewhere, now writing into this folder: its manifest describes another folder.
    const config = readFileSync(fx.config, 'utf8').replace('path: state.db', 'path: other.db');
    const elsewhere = await writeConfig(fx.dir, config.replace('site:\n', 'site:\n  out: elsewhere\n'), 'elsewhere.yml');
    expect(await main(['build', '-c', elsewhere], captureIo(fx.dir))).toBe(0);
    const other = await writeConfig(fx.dir, config, 'other.yml');
    const io = captureIo(fx.dir);
    expect(await main(['build', '-c', other], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/public was written from another store: every page checked and written/);
  }, 60_000);
});

/** Where `expectSameAsFullRebuild` builds the store's copy. */
const REBUILT = (fx: SiteFixture) => join(fx.dir, 'rebuild', 'public');

/** The same store built from nothing into another folder equals the site the incremental builds left, byte for byte. */
async function expectSameAsFullRebuild(fx: SiteFixture): Promise<void> {
  // The counts the builds kept (moved item by item) are the store's own.
  const store = openSqliteStore(join(fx.dir, 'state.db'));
  const kept = JSON.parse((await store.outputs('site').values(['tally'])).get('tally')!) as { counts: unknown; days: unknown; delta: boolean };
  expect(kept.delta).toBe(true);
  expect(kept.counts).toEqual(await store.items.counts({ stories: true }));
  expect(kept.days).toEqual(await store.items.days(480, { stories: true }));
  await store.close();
  const copy = join(fx.dir, 'copy.db');
  rmSync(copy, { force: true });
  rmSync(join(fx.dir, 'rebuild'), { recursive: true, force: true });
  const db = new Database(join(fx.dir, 'state.db'));
  db.exec(`VACUUM INTO '${copy}'`);
  db.close();
  // The same config, line for line and by name, in a folder of its own: rules are known by file and line.
  mkdirSync(join(fx.dir, 'rebuild'));
  const other = await writeConfig(join(fx.dir, 'rebuild'), readFileSync(fx.config, 'utf8').replace('path: state.db', 'path: ../copy.db'), 'broadsheet.yml');
  const io = captureIo(fx.dir);
  expect({ code: await main(['build', '--full', '-c', other], io), err: io.stderr }).toEqual({ code: 0, err: [] });
  // The search index is cut into tiers by its history, so compare what it finds, not its files.
  const incremental = siteFiles(fx.out, filesUnder(fx.out));
  const full = siteFiles(REBUILT(fx), filesUnder(REBUILT(fx)));
  expect([...incremental.keys()].sort()).toEqual([...full.keys()].sort());
  const differing = [...incremental].filter(([k, v]) => full.get(k) !== v).map(([k]) => k);
  expect(differing).toEqual([]);
}

describe('numbered pages', () => {
  let fx: SiteFixture;
  beforeAll(async () => {
    // Without search, so the report's counts are the pages' alone.
    fx = await siteFixture({ perPage: 5, extraYaml: '  search: false\n' });
    expect((await fx.run()).code).toBe(0);
  }, 60_000);
  afterAll(() => fx?.close());

  const homePages = () => readdirSync(join(fx.out, 'page')).map(Number).sort((a, b) => a - b);
  const file = (n: number) => join(fx.out, 'page', String(n), 'index.html');
  /** The home page holding a title, below the newest three (which a build may write for their links). */
  const holderOf = (title: string) => {
    const n = homePages().find((k) => readFileSync(file(k), 'utf8').includes(title))!;
    expect(n).toBeLessThan(homePages().length - 2);
    return n;
  };
  const stamps = () => new Map(filesUnder(fx.out).map((f) => [f, statSync(f).mtimeMs]));
  const rewrittenHome = (before: Map<string, number>) => homePages().filter((n) => statSync(file(n)).mtimeMs !== before.get(file(n)));
  /** A `run --json`'s files rendered and found as they were. */
  const unchangedOf = (r: { stdout: string[] }) => (JSON.parse(r.stdout.join('\n')) as { outputs: { site: { unchanged: number } } }).outputs.site.unchanged;

  it('count from the oldest: new items touch only the newest pages, and the site still equals a full rebuild', async () => {
    // 56 items, five a page: the first page shows the newest five, page/1/ the oldest.
    expect(homePages()).toEqual([...Array(12).keys()].map((k) => k + 1));
    expect(readFileSync(file(1), 'utf8')).toContain('新华社国内第1条');
    const before = new Map(filesUnder(fx.out).map((f) => [f, statSync(f).mtimeMs]));
    const pages = homePages().map((n) => [n, readFileSync(file(n), 'utf8')] as const);
    const latest = Date.UTC(2026, 11, 1);
    for (const k of [7, 8, 9, 10, 11]) fx.items[0]!.push(fixtureItem(0, k, fx.feeds.url, { pubDate: new Date(latest + k * 60_000).toUTCString() }));
    const r = await fx.run(['run', '-q', '--json']);
    expect(r.code).toBe(0);
    // 61 items: page 13 is new; 1 to 9 are as they were, and were not even rendered again. Page 10 now
    // has a gap between it and the newest pages, 11 and 12 a page above them.
    expect(homePages()).toHaveLength(13);
    for (const [n, html] of pages.filter(([n]) => n <= 9)) {
      expect(readFileSync(file(n), 'utf8')).toBe(html);
      expect(statSync(file(n)).mtimeMs).toBe(before.get(file(n)));
    }
    const rewritten = homePages().filter((n) => statSync(file(n)).mtimeMs !== before.get(file(n)));
    expect(rewritten).toEqual([10, 11, 12, 13]);
    const site = (JSON.parse(r.stdout.join('\n')) as { outputs: { site: { unchanged: number } } }).outputs.site;
    // Rendered and found as they were: pages 10 to 12 of the two lists, a few fixed pages; never the older pages.
    expect(site.unchanged).toBeLessThan(12);
    await expectSameAsFullRebuild(fx);
  }, 60_000);

  it('rewrite only the page holding an item edited where it stood, and the site still equals a full rebuild', async () => {
    const item = fx.items[2]![1]!;
    const holder = holderOf(item.title);
    const before = stamps();
    fx.items[2]![1] = { ...item, title: `${item.title}（更正）` };
    const r = await fx.run(['run', '-q', '--json']);
    expect(r.code).toBe(0);
    // Rendered and found as they were: its lists' first pages and feeds and a few fixed pages, not the
    // pages between it and the newest (rendering those too found 28 unchanged here).
    expect(unchangedOf(r)).toBeLessThanOrEqual(16);
    expect(rewrittenHome(before)).toEqual([holder]);
    expect(readFileSync(file(holder), 'utf8')).toContain('（更正）');
    // Its channel's list too: the page holding it, and the first page where it is among the newest.
    const channel = filesUnder(fx.out).filter((f) => /\/page\/\d+\/index\.html$/.test(f) && !f.startsWith(join(fx.out, 'page')) && readFileSync(f, 'utf8').includes('（更正）'));
    expect(channel.length).toBeGreaterThan(0);
    for (const f of channel) expect(statSync(f).mtimeMs).not.toBe(before.get(f));
    await expectSameAsFullRebuild(fx);
  }, 60_000);

  it('rewrite only the pages holding several items edited at once, a story told twice among them', async () => {
    // Source 5's item takes the headline of source 4's: one story, which a list shows once.
    fx.items[5]![3] = { ...fx.items[5]![3]!, title: fx.items[4]![3]!.title };
    expect((await fx.run()).code).toBe(0);
    await expectSameAsFullRebuild(fx);
    const edits = [[4, 3], [5, 3], [2, 2], [2, 4], [6, 1], [0, 5]] as const;
    const holders = new Set(edits.flatMap(([s, k]) => homePages().filter((n) => readFileSync(file(n), 'utf8').includes(fx.items[s]![k]!.title))));
    const before = stamps();
    for (const [s, k] of edits) fx.items[s]![k] = { ...fx.items[s]![k]!, description: `<p>更正：第${s}源第${k}条。</p>${fx.items[s]![k]!.description}` };
    expect((await fx.run()).code).toBe(0);
    const rewritten = rewrittenHome(before);
    // The pages holding them, some of them far below the newest, and no other.
    expect(rewritten).toEqual([...holders].sort((a, b) => a - b));
    expect(rewritten[0]).toBeLessThan(homePages().length - 5);
    await expectSameAsFullRebuild(fx);
  }, 60_000);

  it('rewrite only the page holding an old story a second source now carries, but shift the lists it joined', async () => {
    const old = fx.items[2]![2]!;
    const holder = holderOf(old.title);
    const before = stamps();
    fx.items[6]!.push({ ...fixtureItem(6, 30, fx.feeds.url), link: old.link });
    const r = await fx.run(['run', '-q', '--json']);
    expect(r.code).toBe(0);
    // The home list's pages between it and the newest are not rendered (they were: 42 found unchanged here, now 28).
    expect(unchangedOf(r)).toBeLessThanOrEqual(30);
    expect(rewrittenHome(before).every((n) => n === holder)).toBe(true);
    await expectSameAsFullRebuild(fx);
  }, 60_000);

  it('leave a list\'s feeds as they were when every change lies below their newest items, and write those it reaches', async () => {
    const feedFiles = (dir: string) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => join(fx.out, dir, f));
    const [home, news] = [feedFiles(''), feedFiles('categories/新闻/')];
    const oldest = fx.items[0]![0]!;
    // The home feeds show the newest 50 of more than 60 items; 新闻's show all of its fewer than 30.
    for (const f of [...home, ...news]) expect(readFileSync(f, 'utf8')).toContain('经济观察');
    expect(readFileSync(home[0]!, 'utf8')).not.toContain(oldest.title);
    expect(readFileSync(news[0]!, 'utf8')).toContain(oldest.title);
    let before = stamps();
    fx.items[0]![0] = { ...oldest, title: `${oldest.title}（勘误）` };
    expect((await fx.run()).code).toBe(0);
    for (const f of home) expect(statSync(f).mtimeMs, f).toBe(before.get(f));
    for (const f of news) expect(readFileSync(f, 'utf8'), f).toContain('（勘误）');
    await expectSameAsFullRebuild(fx);
    // A rule takes it away (earlier tests corrected titles with 更正, in the home feed's window): gone from below 新闻's last item, it leaves room that nothing fills.
    writeFileSync(fx.config, `${readFileSync(fx.config, 'utf8')}rules:\n  - drop: { title: 勘误 }\n`);
    before = stamps();
    expect((await fx.run()).code).toBe(0);
    for (const f of home) expect(statSync(f).mtimeMs, f).toBe(before.get(f));
    for (const f of news) expect(readFileSync(f, 'utf8'), f).not.toContain('（勘误）');
    await expectSameAsFullRebuild(fx);
  }, 60_000);
});

describe('numbered pages under retention', () => {
  let fx: SiteFixture;
  beforeAll(async () => {
    // 8 sources × 7 items, five a page; source 0's items are the oldest of all, and each source keeps 7.
    fx = await siteFixture({ perPage: 5, extraYaml: '  search: false\nretention:\n  perSource: 7\n' });
    // Source 1's first item, dated before all, tells the story source 0's first item tells later (the
    // same headline): with stories on, a list shows it once, as source 1's report.
    fx.items[1]![0] = { ...fx.items[1]![0]!, title: fx.items[0]![0]!.title, pubDate: new Date(Date.UTC(2026, 10, 20)).toUTCString() };
    expect((await fx.run()).code).toBe(0);
  }, 60_000);
  afterAll(() => fx?.close());

  const file = (n: number) => join(fx.out, 'page', String(n), 'index.html');
  const homePages = () => readdirSync(join(fx.out, 'page')).map(Number).sort((a, b) => a - b);
  // Source 0's and 1's cards on a page: the channel shown and the headline's number (际1 is source 1's report).
  const titles = (n: number) => [...readFileSync(file(n), 'utf8').matchAll(/>新华社国[内际]第(\d+)条：[^<]*<[\s\S]*?新华社 · 国([内际])/g)].map((m) => m[2]! + m[1]!);
  // A source's feed moves on by `n` items: retention drops its oldest, which it lists no more.
  let fresh = 0;
  const moveOn = (s: number, n: number) => {
    fx.items[s]!.splice(0, n);
    for (let k = 0; k < n; k++) fx.items[s]!.push(fixtureItem(s, 100 + fresh, fx.feeds.url, { pubDate: new Date(Date.UTC(2026, 11, 1) + fresh++ * 60_000).toUTCString() }));
  };
  const run = async () => {
    const before = new Map(homePages().map((n) => [n, statSync(file(n)).mtimeMs]));
    expect((await fx.run()).code).toBe(0);
    return homePages().filter((n) => statSync(file(n)).mtimeMs !== before.get(n));
  };

  it('keep their items while the oldest go: the lowest page shrinks, then goes, and only the ends are written', async () => {
    // 55 listed (source 0's later report is not): page 1 holds source 1's report and source 0's second to fifth.
    expect(homePages()).toEqual([...Array(11).keys()].map((k) => k + 1));
    expect(titles(1)).toEqual(['内5', '内4', '内3', '内2', '际1']);
    const pages = new Map(homePages().map((n) => [n, readFileSync(file(n), 'utf8')]));

    // Four items gone from the old end, three of them listed (the later report was not), four new at
    // the top: page 1 keeps the two left, pages 2 to 8 hold what they held, page 12 takes the new ones
    // (9 to 11 link up to it).
    moveOn(0, 3);
    moveOn(1, 1);
    expect(await run()).toEqual([1, 9, 10, 11, 12]);
    expect(titles(1)).toEqual(['内5', '内4']);
    for (let n = 2; n <= 8; n++) expect(readFileSync(file(n), 'utf8')).toBe(pages.get(n));
    await expectSameAsFullRebuild(fx);
    const then = new Map(homePages().map((n) => [n, readFileSync(file(n), 'utf8')]));

    // Three more: page 1 is empty and goes; page 2 is the lowest (no older link); 3 and 4 link one page
    // fewer below; 5 to 9 are as they were; the top gains page 13 (and 10 to 12 link up to it).
    moveOn(0, 3);
    expect(await run()).toEqual([2, 3, 4, 10, 11, 12, 13]);
    // Its folder goes with it.
    expect(homePages()).toEqual([...Array(12).keys()].map((k) => k + 2));
    expect(existsSync(join(fx.out, 'page', '1'))).toBe(false);
    expect(titles(2)).toEqual(['际4', '际3', '际2', '内7']);
    for (let n = 5; n <= 9; n++) expect(readFileSync(file(n), 'utf8')).toBe(then.get(n));
    const home = readFileSync(join(fx.out, 'index.html'), 'utf8');
    expect(home).toContain('/page/2/');
    expect(home).not.toContain('/page/1/');
    expect(readFileSync(file(2), 'utf8')).not.toContain('较旧');
    await expectSameAsFullRebuild(fx);
  }, 120_000);
});
