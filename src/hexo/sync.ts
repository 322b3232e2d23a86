import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { BroadsheetError, sha256Hex, writeFileAtomic } from '../shared/index.js';
import type { PostRecord, Store } from '../store/index.js';
import { foldKey, planPosts, targetPath } from './plan.js';
import type { HexoOptions, PostFile } from './types.js';

export interface SyncResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/; // what writeFileAtomic leaves behind if killed

async function markdownFiles(root: string): Promise<{ posts: string[]; temps: string[] }> {
  const posts: string[] = [];
  const temps: string[] = [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = relative(root, join(e.parentPath, e.name)).split(sep).join('/');
    if (TEMP_FILE.test(e.name)) temps.push(rel);
    else if (e.name.endsWith('.md')) posts.push(rel);
  }
  return { posts, temps };
}

const readOrNull = (path: string): Promise<string | null> => readFile(path, 'utf8').catch(() => null);
const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/**
 * Bring the posts folder in line with the store: write new and changed posts, move renamed ones,
 * remove those of pruned items, and never touch a file Broadsheet did not write (the manifest in the
 * store says which it did). Safe to kill at any point: each file is written atomically, the manifest
 * is updated after the file, and the next run adopts or repairs what was left half done.
 */
export async function syncPosts(store: Store, root: string, o: HexoOptions): Promise<SyncResult> {
  const items = await store.items();
  const manifest = new Map((await store.posts()).map((p) => [p.itemId, p]));
  const owned = new Set([...manifest.values()].map((p) => foldKey(p.relPath)));
  const disk = await markdownFiles(root);
  for (const t of disk.temps) await rm(join(root, t), { force: true });
  const foreign = new Set(disk.posts.map(foldKey).filter((k) => !owned.has(k)));
  const abbrlinks = o.abbrlink ? await store.abbrlinks(items.map((i) => i.id)) : undefined;
  const previous = new Map([...manifest].map(([id, p]) => [id, p.relPath]));

  // A file at a planned path that is not in the manifest is ours if it holds exactly what we would
  // write there (a run killed between writing it and recording it); any other is someone else's.
  const ctx = { previous, abbrlinks };
  if (foreign.size > 0) {
    for (const f of planPosts(items, o, ctx)) {
      const key = foldKey(f.relPath);
      if (foreign.has(key) && (await readOrNull(targetPath(root, f.relPath))) === f.content) foreign.delete(key);
    }
  }
  const plan = planPosts(items, o, { ...ctx, foreign });
  return carryOut(store, root, plan, manifest);
}

async function carryOut(store: Store, root: string, plan: readonly PostFile[], manifest: Map<string, PostRecord>): Promise<SyncResult> {
  const r: SyncResult = { created: [], updated: [], unchanged: [], removed: [] };
  const planned = new Set(plan.map((f) => f.itemId));
  for (const f of plan) {
    const contentHash = sha256Hex(f.content);
    const before = manifest.get(f.itemId);
    const path = targetPath(root, f.relPath);
    if (before && before.relPath === f.relPath && before.contentHash === contentHash && (await exists(path))) {
      r.unchanged.push(f.itemId);
      continue;
    }
    const onDisk = await readOrNull(path);
    if (onDisk !== f.content) await write(path, f.content);
    // Order matters for crash safety: new file, then the old one gone, then the manifest.
    if (before && before.relPath !== f.relPath) await rm(targetPath(root, before.relPath), { force: true });
    await store.savePost({ itemId: f.itemId, relPath: f.relPath, contentHash });
    (before ? r.updated : r.created).push(f.itemId);
  }
  for (const [itemId, p] of manifest) {
    if (planned.has(itemId)) continue;
    await rm(targetPath(root, p.relPath), { force: true });
    await store.forgetPost(itemId);
    r.removed.push(itemId);
  }
  return r;
}

async function write(path: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (e) {
    throw new BroadsheetError('hexo.write', `cannot write ${path}: ${(e as Error).message}`, { file: path }, { cause: e });
  }
}
