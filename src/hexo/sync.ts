import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { applyPlan, folderDoubt, foldKey, listFolder, markFolder, pushAll, targetPath, threadedWrites, type ApplyResult, type OutputPlan } from '../shared/index.js';
import type { HexoSettings } from '../config/index.js';
import { inSeqOrder, type Store, type StoredItem } from '../store/index.js';
import { planPosts, postFolder } from './plan.js';
import { abbrlinksOf } from './abbrlink.js';

export interface SyncResult extends ApplyResult {
  /** Why this pass could not trust the posts folder and looked at every item (a fresh runner, a deleted folder). */
  notice: string | null;
}

/** The name of Hexo's manifest and state in the store. */
export const HEXO_OUTPUT = 'hexo';
const BATCH = 500;
const THREADED = 100;
/** The hexo output's own list of the items its last pass could not write, so it need not look for posts missing among all items. */
const UNWRITTEN = 'unwritten';

/** One folder of the posts dir as found this pass: the names on disk, and which of them are ours. */
interface Folder {
  onDisk: Set<string>;
  ours: Map<string, string>;
}

/**
 * Bring the posts folder in line with the store: write new and changed posts, move renamed ones,
 * remove those of pruned items, and never touch a file Broadsheet did not write (the manifest in the
 * store says which it did). Incremental: it reads only the items changed since its last pass and
 * those it has no file for, so its cost follows the changes, not the size of the store; `full`
 * looks at every item (and rewrites files that went missing). Safe to kill at any point.
 */
export async function syncPosts(store: Store, o: HexoSettings, opts: { full?: boolean } = {}): Promise<SyncResult> {
  const out = store.outputs(HEXO_OUTPUT);
  const root = o.postsDir;
  const upTo = await store.items.lastSeq();
  // A folder that is not the one the manifest describes: every item is looked at, missing posts written again.
  const doubt = opts.full ? null : await folderDoubt(root, HEXO_OUTPUT, out);
  const whole = opts.full === true || doubt !== null;
  const next = whole ? (after: number) => store.items.changes(after, BATCH, 'full') : (after: number) => out.pending(after, BATCH);
  const folders = new Map<string, Folder>();
  const folder = async (dir: string): Promise<Folder> => {
    let f = folders.get(dir);
    if (!f) {
      const ours = new Map((await out.inFolder(dir)).map((m) => [foldKey(m.relPath), m.itemId]));
      f = { onDisk: new Set(listFolder(root, dir).map((n) => foldKey(posix.join(dir, n)))), ours };
      folders.set(dir, f);
    }
    return f;
  };
  const total: SyncResult = { created: [], updated: [], unchanged: [], removed: [], refused: [], notice: doubt && `${doubt}: every post checked and written` };
  // Items the last pass could not write (a symbolic link or someone else's file on the way): tried again.
  const unwritten: string[] = [];
  // Large batches (a first pass, a full one) are written on a thread of its own, one at a time, while
  // this one reads and plans the next: a first pass over 20,000 items spends most of its time in the
  // kernel. A few posts are written here (the thread starts only when it is used).
  const writes = threadedWrites();
  const dirs = new Map<string, boolean>();
  let writing: Promise<void> = Promise.resolve();
  const pass = async (batch: readonly StoredItem[]) => {
    // What a rule hides gets no post (an existing one goes with the orphans below).
    const shown = batch.filter((i) => i.hiddenBy === null);
    const plan = await planBatch(store, o, shown, folder);
    await writing;
    writing = (async () => {
      const r = await applyPlan(plan, root, out, { dirs, ...(plan.write.length >= THREADED ? { write: writes.write } : {}) });
      total.created.push(...r.created);
      total.updated.push(...r.updated);
      total.unchanged.push(...r.unchanged);
      total.refused.push(...r.refused);
      const have = await out.get(shown.map((i) => i.id));
      unwritten.push(...shown.filter((i) => !have.has(i.id)).map((i) => i.id));
    })();
    // Heard by the next batch's `await writing`, or the last one's below.
    writing.catch(() => undefined);
  };
  try {
    for await (const batch of inSeqOrder(next)) await pass(batch);
    await writing;
    const looked = new Set(unwritten);
    const retry = whole ? [] : (JSON.parse((await out.values([UNWRITTEN])).get(UNWRITTEN) ?? '[]') as string[]).filter((id) => !looked.has(id));
    for (let k = 0; k < retry.length; k += BATCH) await pass(await store.items.byIds(retry.slice(k, k + BATCH), 'full'));
    await writing;
  } finally {
    // A batch on its way is let finish (recorded or failed) before the thread ends.
    await writing.catch(() => undefined);
    await writes.close();
  }
  await out.setValues(new Map([[UNWRITTEN, JSON.stringify(unwritten)]]));
  // Posts of items removed or hidden since the last pass (all such posts when the folder is in doubt).
  const orphans = await out.orphans(undefined, whole ? undefined : await out.synced());
  const removed = await applyPlan({ write: [], remove: orphans, before: new Map(), exists: () => false }, root, out);
  pushAll(total.removed, removed.removed);
  pushAll(total.refused, removed.refused);
  await out.markSynced(upTo);
  await markFolder(root, HEXO_OUTPUT, out, upTo);
  return total;
}

/**
 * The posts of a batch of items, planned against what the folder and the manifest hold. The folders'
 * listings are brought up to date with the plan at once, so the next batch can be planned while this
 * one is written.
 */
async function planBatch(store: Store, o: HexoSettings, items: readonly StoredItem[], folder: (dir: string) => Promise<Folder>): Promise<OutputPlan> {
  const out = store.outputs(HEXO_OUTPUT);
  const ids = items.map((i) => i.id);
  const before = await out.get(ids);
  const frontMatter = await store.items.importedFrontMatter(ids);
  const abbrlinks = o.abbrlink ? await abbrlinksOf(out, ids) : undefined;
  const mine = new Set(ids);
  const dirs = new Set([...items.map(postFolder), ...[...before.values()].map((f) => posix.dirname(f.relPath))]);
  // Names on disk: those of other items of ours are taken; those of nobody we know are foreign.
  const taken = new Set<string>();
  const foreign = new Set<string>();
  const onDisk = new Set<string>();
  for (const dir of dirs) {
    const f = await folder(dir);
    for (const key of f.onDisk) {
      onDisk.add(key);
      const owner = f.ours.get(key);
      if (owner === undefined) foreign.add(key);
      else if (!mine.has(owner)) taken.add(key);
    }
  }
  const ctx = { previous: new Map([...before].map(([id, f]) => [id, f.relPath])), taken, abbrlinks, frontMatter };
  // A file where a post would go that the manifest does not know is ours if it is this story's post:
  // what we would write there (a pass killed between writing and recording it), or a post that opens
  // as ours does, title included (written before the store that knew it was lost). Any other is someone else's.
  if (foreign.size > 0) {
    for (const f of planPosts(items, o, ctx)) {
      const key = foldKey(f.relPath);
      if (!foreign.has(key)) continue;
      const existing = readOrNull(targetPath(o.postsDir, f.relPath));
      const opening = existing === null ? null : openingOf(existing);
      if (existing !== null && (existing === f.content || (opening !== null && opening === openingOf(f.content)))) foreign.delete(key);
    }
  }
  const plan = planPosts(items, o, { ...ctx, foreign });
  // Keep the listing true for the next batch: moved files left their old names.
  for (const f of plan) {
    const old = before.get(f.itemId)?.relPath;
    if (old !== undefined && old !== f.relPath) {
      const was = await folder(posix.dirname(old));
      was.onDisk.delete(foldKey(old));
      was.ours.delete(foldKey(old));
    }
  }
  for (const f of plan) {
    const dir = await folder(posix.dirname(f.relPath));
    dir.onDisk.add(foldKey(f.relPath));
    dir.ours.set(foldKey(f.relPath), f.itemId);
  }
  return { write: plan.map((f) => ({ key: f.itemId, relPath: f.relPath, content: f.content })), remove: [], before, exists: (p) => onDisk.has(foldKey(p)) };
}

/** A post's first lines through its title: the reference format opens with a blank line, `---` and `title:`. */
const openingOf = (post: string): string | null => /^\n---\ntitle: .*\n/.exec(post)?.[0] ?? null;

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
