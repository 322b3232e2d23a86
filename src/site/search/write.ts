import { inSeqOrder, type ItemCursor, type ItemPage, type ItemPlace, type ItemSummary, type StoredItem } from '../../store/index.js';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pushAll, removeEmptyDir, targetPath } from '../../shared/index.js';
import { FORMAT } from '../assets/search.js';
import { pageKey, type BuildContext } from '../context.js';
import { articleSlugs } from '../pages/articles.js';
import { docIndex, readInWorker } from './indexer.js';
import { sourceDocOf } from './doc-text.js';
import { fragmentJson, shownDocOf, tierPage, type ShownDoc, type TierRead } from './tier-read.js';
import { forgetDocIds, keepDocIds } from './gone.js';
import { patchTier } from './patch.js';
import { resumeRecent, type Resume } from './recent.js';
import { RECENT_MAX, inRange, initialBounds, mergeBounds, rangesOf, sealBound, type TierState } from './tiers.js';

const STATE = 'search';
const READ = 500;
// A tier larger than the recent tier ever grows is indexed in a worker thread (one took 0.2–0.4 s
// from start to shards here; indexing a thousand documents takes about half a second).
const WORKER_MIN = RECENT_MAX + 1;
// Tiers are indexed one at a time, a full build too: two at once held a second tier's index (full builds
// one at a time: 20,000 items 478–484 → 397–419 MB, 60,000 items 764 → 607 MB, 200,000 items 941 → 821 MB)
// and were no faster at 20,000 (33.4–39.1 s two at once, 29.6–35.2 s one at a time, three runs each,
// alternated); at 200,000, one run each, 333 s two at once and 359 s one at a time.

interface SearchState {
  format: number;
  base: string;
  tiers: TierState[];
}

export interface SearchOptions {
  /** The seq the site was complete up to: items changed after it are looked at. */
  since: number;
  /** Index every tier again. */
  full: boolean;
  /** Seal the recent tier into the archive now. */
  archive: boolean;
  /** A build was killed: files of tiers no state names may be left. */
  recover: boolean;
  /** The items changed since `since` and where they stood before (`sortAt`); null when not known: every tier is counted again. */
  left: ReadonlyArray<{ id: string; at: string }> | null;
  /** The items removed since `since` and where they stood; null when not known. */
  gone: ReadonlyArray<{ id: string; at: string }> | null;
}

export interface SearchResult {
  tiers: number;
  /** Tiers and documents indexed by this build. */
  rebuilt: number;
  indexed: number;
}

/** Builds what changed of the search index, writes its manifest and removes the tiers it replaced. */
export async function writeSearch(ctx: BuildContext, o: SearchOptions): Promise<SearchResult> {
  const { store, out, paths } = ctx;
  const stored = (await out.values([STATE])).get(STATE);
  const prev = stored ? (JSON.parse(stored) as SearchState) : null;
  const reindex = o.full || !prev || prev.format !== FORMAT || prev.base !== paths.base;
  const current = reindex ? [] : await changedItems(ctx, o.since);
  const moved = [...current.map((i) => i.sortAt), ...(reindex ? [] : o.left ?? []).map((l) => l.at)];
  const gone = o.gone ?? [];
  const changed = [...moved, ...gone.map((g) => g.at)];
  // A tier nothing entered or left since the last build keeps its count: a build costs what changed.
  const same = (r: { from: string | null; to: string | null }) => o.left !== null && o.gone !== null && !changed.some((s) => inRange(s, r));
  const countOf = async (from: string | null, to: string | null) => {
    const old = prev?.tiers.find((t) => t.from === from && t.to === to);
    return old && !reindex && same(old) ? old.count : store.items.count({ ...(from ? { since: from } : {}), ...(to ? { until: to } : {}) });
  };

  let bounds: string[];
  if (reindex) bounds = initialBounds(await sortAts(ctx, null));
  else {
    bounds = prev.tiers.slice(1).map((t) => t.from!);
    const seal = sealBound(await sortAts(ctx, bounds.at(-1) ?? null), o.archive);
    // Merges go with a seal: a build that seals nothing leaves the archive as it is (the equal tiers of a
    // full build too, until the newest tiers have grown to join them).
    if (seal && (bounds.length === 0 || seal > bounds.at(-1)!)) bounds = await mergeBounds([...bounds, seal], countOf);
  }

  let rebuilt = 0;
  let indexed = 0;
  const stamp = Date.now().toString(36);
  const indexTier = async (range: { from: string | null; to: string | null }, i: number): Promise<TierState> => {
    const count = await countOf(range.from, range.to);
    const old = prev?.tiers.find((t) => t.from === range.from && t.to === range.to);
    const onDisk = async (t: TierState) => !o.recover || (await tierOnDisk(ctx, t));
    if (!reindex && old && old.count === count && !changed.some((s) => inRange(s, range)) && (await onDisk(old))) return old;
    // An archive tier whose items went, changed or arrived late keeps its index, patched (`patch.ts`);
    // after a killed build, whose files may be half written, it is indexed whole.
    if (!reindex && !o.recover && old && range.to !== null && o.left !== null && o.gone !== null) {
      const patched = await patchTier(ctx, old, count, { current, left: o.left, gone: o.gone });
      if (patched) {
        rebuilt += patched.indexed > 0 ? 1 : 0;
        indexed += patched.indexed;
        return patched.tier;
      }
    }
    // The recent tier keeps its folder until it is sealed: numbered oldest first, its documents keep
    // their numbers as items arrive, so only the new ones' fragments are written, and where only newer
    // items arrived only they are indexed, into its index read back from its shards (`recent.ts`).
    const recent = range.to === null;
    const dir = recent && old?.oldestFirst && !reindex ? old.dir : `search/${stamp}${i}/`;
    const resume = dir === old?.dir && !o.recover ? resumeRecent(ctx, old, count, { current, left: o.left, gone: o.gone }) : null;
    const built = await buildTier(ctx, range, dir, recent, count >= WORKER_MIN, resume);
    if (!recent) await keepDocIds(ctx, dir, built.ids);
    if (dir === old?.dir) await ctx.writer.remove((await out.list(dir)).filter((f) => !built.written.has(f.relPath)));
    rebuilt++;
    indexed += count - (resume?.docs ?? 0);
    return { ...range, count, dir, shards: built.shards, ...(recent ? { oldestFirst: true, ...(built.newest ? { newest: built.newest } : {}) } : {}) };
  };
  const tiers: TierState[] = [];
  for (const [i, range] of rangesOf(bounds).entries()) tiers.push(await indexTier(range, i));
  await ctx.writer.flush();
  const manifest = { format: FORMAT, tiers: [...tiers].reverse().map((t) => ({ dir: t.dir, shards: t.shards, docs: t.count, ...(t.oldestFirst ? { oldestFirst: true } : {}), ...(t.gone ? { gone: t.gone } : {}), ...(t.order ? { order: t.order } : {}), ...(t.delta ? { delta: t.delta } : {}) })) };
  await ctx.writer.add(pageKey('search/index.json'), 'search/index.json', JSON.stringify(manifest));
  await ctx.writer.flush();
  // The state first: a build killed while removing the replaced tiers must not leave a state that names them.
  await out.setValues(new Map([[STATE, JSON.stringify({ format: FORMAT, base: paths.base, tiers } satisfies SearchState)]]));
  // Only now are the replaced tiers unreferenced; a reader holding the old manifest may still fetch them for a moment.
  const keep = new Set(tiers.map((t) => t.dir));
  const before = o.recover || reindex ? await out.list('search/') : (await Promise.all((prev?.tiers ?? []).filter((t) => !keep.has(t.dir)).map((t) => out.list(t.dir)))).flat();
  const replaced = before.filter((f) => tierDir(f.relPath) !== null && !keep.has(tierDir(f.relPath)!));
  await ctx.writer.remove(replaced);
  await forgetDocIds(ctx, (prev?.tiers ?? []).filter((t) => !keep.has(t.dir)).map((t) => t.dir));
  // The emptied folders go too; a folder still holding a file that is not ours stays.
  for (const dir of new Set(replaced.map((f) => tierDir(f.relPath)!))) for (const d of [`${dir}d`, dir.slice(0, -1)]) removeEmptyDir(ctx.site.out, d);
  if (o.recover) sweepUnrecorded(ctx.site.out, keep);
  return { tiers: tiers.length, rebuilt, indexed };
}

/** After a killed build: whether a tier the state names still has every file (its shards and one fragment per document) on disk. */
async function tierOnDisk(ctx: BuildContext, t: TierState): Promise<boolean> {
  const files = await ctx.out.list(t.dir);
  return files.length >= t.shards + t.count && files.every((f) => existsSync(targetPath(ctx.site.out, f.relPath)));
}

/** `search/<tier>/` of a tier's file; null for the index's list and the search page. */
const tierDir = (rel: string): string | null => /^search\/[^/]+\//.exec(rel)?.[0] ?? null;

const TIER_FILE = /^(a?\d+\.bin|d\/\d+\.json|(d\/)?\.[^/]*\.tmp)$/;

/**
 * After a killed build: tier folders whose files reached the disk but not the manifest. Only a
 * folder every file of which is a tier file (shards, fragments, temp files) is removed.
 */
function sweepUnrecorded(root: string, keep: ReadonlySet<string>): void {
  const search = targetPath(root, 'search');
  if (!existsSync(search)) return;
  for (const e of readdirSync(search, { withFileTypes: true })) {
    if (!e.isDirectory() || keep.has(`search/${e.name}/`)) continue;
    const dir = join(search, e.name);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => !f.isDirectory());
    if (files.every((f) => TIER_FILE.test(relative(dir, join(f.parentPath, f.name)).split(sep).join('/')))) rmSync(dir, { recursive: true, force: true });
  }
}

/** `sortAt` of every item from `from` on, newest first. */
async function sortAts(ctx: BuildContext, from: string | null): Promise<string[]> {
  const all: string[] = [];
  let after: ItemCursor | null = null;
  do {
    const page: ItemPage<ItemPlace> = await ctx.store.items.query({ fields: 'place', limit: READ * 4, after, ...(from ? { since: from } : {}) });
    for (const i of page.items) all.push(i.sortAt);
    after = page.next;
  } while (after);
  return all;
}

async function changedItems(ctx: BuildContext, since: number): Promise<ItemSummary[]> {
  const all: ItemSummary[] = [];
  for await (const batch of inSeqOrder((after) => ctx.store.items.changes(after, READ, 'summary'), since)) pushAll(all, batch);
  return all;
}

/**
 * One tier: its items, each a document and a fragment (`d/<n>.json`: what a result shows), then its
 * shards. Archive tiers number their items newest first, read page by page; the recent tier (a
 * few hundred items, RECENT_MAX at most) oldest first, so a document keeps its number while newer ones
 * arrive. A large archive tier of a SQLite store is read by the indexing worker itself: this thread,
 * rendering the pages, reads each body once.
 */
async function buildTier(ctx: BuildContext, range: Range, dir: string, oldestFirst: boolean, inWorker: boolean, resume: Resume | null): Promise<{ shards: number; written: Set<string>; ids: string[]; newest?: string }> {
  const written = new Set<string>();
  // A resumed tier's documents keep their fragments.
  for (let n = 0; n < (resume?.docs ?? 0); n++) written.add(`${dir}d/${n}.json`);
  // Each document's item, in document order.
  const ids: string[] = [];
  const add = async (key: string, rel: string, content: string | Uint8Array) => {
    written.add(rel);
    await ctx.writer.add(key, rel, content);
  };
  const fragment: WriteFragment = (n, rel, d) => add(pageKey(`${dir}d/${n}.json`), `${dir}d/${n}.json`, fragmentJson(ctx.paths.href(rel), d));
  const { shards, newest } = inWorker && !oldestFirst && ctx.store.file !== null
    ? { shards: await readByWorker(ctx, { file: ctx.store.file, ...range }, ids, fragment), newest: undefined }
    : await readHere(ctx, range, oldestFirst, inWorker, ids, fragment, resume);
  for (const [k, bytes] of shards.entries()) await add(pageKey(`${dir}${k}.bin`), `${dir}${k}.bin`, bytes);
  return { shards: shards.length, written, ids, ...(newest ? { newest } : {}) };
}

type Range = { from: string | null; to: string | null };
/** Writes what a result shows of document `n`, whose article is at `rel`. */
type WriteFragment = (n: number, rel: string, doc: ShownDoc) => Promise<void>;

/** A tier the worker reads and indexes: each batch of documents it took in, then its shards. */
async function readByWorker(ctx: BuildContext, read: TierRead, ids: string[], fragment: WriteFragment): Promise<Uint8Array[]> {
  let n = 0;
  for await (const m of readInWorker(read)) {
    if ('shards' in m) return m.shards;
    const rels = await articleSlugs(ctx, m.docs);
    for (const doc of m.docs) {
      ids.push(doc.id);
      await fragment(n++, rels.get(doc.id)!, doc);
    }
  }
  throw new Error("the search index's worker ended without the tier's shards");
}

/**
 * A tier read here (a PostgreSQL store's, the recent tier, a small one): each body handed to the index,
 * on this thread or its worker; a resumed one's items after its newest only. Its shards, and its newest `sortAt`.
 */
async function readHere(ctx: BuildContext, range: Range, oldestFirst: boolean, inWorker: boolean, ids: string[], fragment: WriteFragment, resume: Resume | null): Promise<{ shards: Uint8Array[]; newest?: string }> {
  const index = docIndex(inWorker, resume?.index);
  // Fragments whose text the index has read, to be written.
  const ready: Array<() => Promise<void>> = [];
  const writeReady = async () => {
    for (const write of ready.splice(0)) await write();
  };
  const addItems = async (items: readonly StoredItem[]) => {
    const rels = await articleSlugs(ctx, items);
    for (const item of items) {
      ids.push(item.id);
      await index.room();
      index.add(sourceDocOf(item), (n, text) => {
        ready.push(() => fragment(n, rels.get(item.id)!, shownDocOf(item, text)));
      });
      await writeReady();
    }
  };
  const held: StoredItem[] = [];
  let newest = resume?.after;
  let after: ItemCursor | null = null;
  do {
    const page = await tierPage(ctx.store, resume ? { from: resume.after, to: null } : range, after);
    const items = resume ? page.items.filter((i) => i.sortAt > resume.after) : page.items;
    if (after === null && items[0]) newest = items[0].sortAt;
    if (oldestFirst) held.push(...items);
    else await addItems(items);
    after = page.next;
  } while (after);
  if (oldestFirst) await addItems(held.reverse());
  const shards = await index.shards();
  await writeReady();
  return { shards, ...(newest ? { newest } : {}) };
}
