/**
 * The site as the store grows (issue 26): `broadsheet build` on N stored items — whole, then after
 * 100 new items in 5 feeds, after 100 new items in 100 feeds, with nothing new, after 100 new
 * items while retention takes the 100 oldest (what `retention.days` does every run once it bites),
 * and after 100 new items while 20 old ones are edited where they stand — each row beside its goal
 * and the ratio to it.
 */
import Database from 'better-sqlite3';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteStore } from '../../src/store/index.js';
import { parseConfig } from '../../src/config/index.js';
import { groupStories } from '../../src/pipeline/index.js';
import { parseFeed } from '../../src/feed/index.js';
import { normalizeEntry } from '../../src/content/index.js';
import { rssDoc } from '../lib/corpus.js';
import { fillStore } from '../lib/items.js';
import { measure, type Measured } from '../lib/proc.js';
import { fmt, markdown } from '../lib/table.js';

const ROOT = resolve(import.meta.dirname, '../..');
let fresh = 3_000_000;

const build = (dir: string, full: boolean): Promise<Measured> =>
  measure(process.execPath, [join(ROOT, 'bin/broadsheet'), 'build', ...(full ? ['--full'] : []), '-c', join(dir, 'broadsheet.yml')], { cwd: dir });

/** 100 new items, spread over `feeds` sources (the newest items of the store). */
async function addItems(storePath: string, feeds: number): Promise<void> {
  const store = openSqliteStore(storePath);
  for (const s of (await store.sources.all()).slice(0, feeds)) {
    const feed = parseFeed(rssDoc(fresh++, 100 / feeds, 'news'), s.url);
    if (feed instanceof Error) throw feed;
    await store.sources.recordSuccess(s.sourceId, feed.entries.map((e) => normalizeEntry(s.sourceId, e)), { at: new Date(), latencyMs: 0, cache: {} });
  }
  await store.close();
}

/** `n` items over the older half of the store edited where they stand (a title corrected), as feeds that list old items again do. */
function editOld(storePath: string, n: number): void {
  const db = new Database(storePath);
  const total = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  const pick = db.prepare('SELECT id FROM items ORDER BY sort_at DESC, id LIMIT 1 OFFSET ?');
  const seq = db.prepare("UPDATE counters SET value = value + 1 WHERE name = 'item_seq' RETURNING value");
  const edit = db.prepare("UPDATE items SET title = title || '（更正）', seq = ? WHERE id = ?");
  db.transaction(() => {
    for (let k = 0; k < n; k++) edit.run((seq.get() as { value: number }).value, (pick.get(Math.floor(total / 2 + (k * total) / (2 * n))) as { id: string }).id);
  })();
  db.close();
}

/** The `n` oldest items first stored long ago and no longer listed by their feeds: retention (90 days) removes them. */
async function retireOldest(storePath: string, n: number): Promise<void> {
  const db = new Database(storePath);
  db.prepare("UPDATE items SET first_seen_at = '2000-01-01T00:00:00.000Z' WHERE id IN (SELECT id FROM items ORDER BY sort_at, id LIMIT ?)").run(n);
  db.prepare('UPDATE sources SET listed = NULL').run();
  db.close();
  const store = openSqliteStore(storePath);
  await store.items.prune({ days: 90 }, new Date());
  await store.close();
}

export async function siteScale(sizes: readonly number[]): Promise<string> {
  const rows: (string | number)[][] = [];
  const at = new Map<number, { full: Measured; idle: Measured }>();
  for (const n of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-site-scale-'));
    try {
      const store = openSqliteStore(join(dir, 's.db'));
      // Headlines like news: the bench's template would make every item a story candidate of every other.
      const sources = await fillStore(store, n, 'news');
      // Stories grouped as the runs that stored these items would have: the whole build is the site's.
      await groupStories(parseConfig('site:\n  out: public\n', join(dir, 'broadsheet.yml'), { env: {} }), store, new Date());
      await store.close();
      await writeFile(join(dir, 'broadsheet.yml'), `sources:\n${sources.map((s) => `  - route: ${s.id}\n    category: ${s.category}\n    site: ${s.site}\n    channel: ${s.channel}\n`).join('')}store:\n  path: s.db\nsite:\n  out: public\n  url: https://news.example.com/\n`);
      const full = await build(dir, true);
      await addItems(join(dir, 's.db'), 5);
      const few = await build(dir, false);
      await addItems(join(dir, 's.db'), 100);
      const many = await build(dir, false);
      const idle = await build(dir, false);
      await addItems(join(dir, 's.db'), 5);
      await retireOldest(join(dir, 's.db'), 100);
      const retired = await build(dir, false);
      await addItems(join(dir, 's.db'), 5);
      editOld(join(dir, 's.db'), 20);
      const edited = await build(dir, false);
      at.set(n, { full, idle });
      const first = at.get(sizes[0]!)!;
      const row = (work: string, m: Measured, goal: string, ratio: string) => rows.push([work, n.toLocaleString('en'), fmt(m.seconds, 2), m.maxRssMb === null ? '—' : fmt(m.maxRssMb, 0), goal, ratio]);
      row('full build, search on', full, `peak RSS within 1.1× of ${sizes[0]!.toLocaleString('en')} items`, `${fmt((full.maxRssMb ?? 0) / (first.full.maxRssMb ?? 1) / 1.1, 2)}`);
      row('+100 items in 5 feeds', few, '≤ 0.5 s', fmt(few.seconds / 0.5, 2));
      row('+100 items in 100 feeds', many, '≤ 0.5 s', fmt(many.seconds / 0.5, 2));
      row('+100 items in 5 feeds, 100 oldest retired', retired, '≤ 0.5 s', fmt(retired.seconds / 0.5, 2));
      row('+100 items in 5 feeds, 20 old items edited', edited, '≤ 0.5 s', fmt(edited.seconds / 0.5, 2));
      row('nothing new', idle, `≤ 1.2× the ${sizes[0]!.toLocaleString('en')}-item figure`, fmt(idle.seconds / first.idle.seconds / 1.2, 2));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return `Site as the store grows (\`broadsheet build\`, SQLite, search on; 20 items a source, so 200,000 items are 10,000 sources and as many config entries; seconds are the whole process, Node's start and the config included; ratio = measured ÷ goal, ≤ 1 meets it)\n\n${markdown(['build', 'items', 'seconds', 'peak RSS MB', 'goal', 'ratio'], rows)}`;
}
