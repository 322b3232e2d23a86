import { rmSync } from 'node:fs';
import { BroadsheetError } from '../errors.js';
import { sha256Hex } from '../hash.js';
import { symlinkOnTheWay, targetPath } from './files.js';
import { writeFileAtomicSync } from '../atomic-write.js';
import { pushAll } from '../arrays.js';
import type { WriteFiles } from './threaded-writes.js';

/** A file an output wants to have, keyed by what it shows (an item id). */
export interface PlannedFile {
  key: string;
  relPath: string;
  content: string | Uint8Array;
}

/** What the manifest holds for a key: the file written and a hash of what was written. */
export interface ManifestEntry {
  itemId: string;
  relPath: string;
  contentHash: string;
}

/** The part of an output's manifest a plan updates (a Store's `outputs(name)` is one). */
export interface Manifest {
  save(files: readonly ManifestEntry[]): Promise<void>;
  forget(keys: readonly string[]): Promise<void>;
}

export interface OutputPlan {
  write: readonly PlannedFile[];
  /** Files written before for keys that no longer have one (a pruned item). */
  remove: readonly ManifestEntry[];
  /** What the manifest said of each key before: unchanged files are skipped, renamed ones moved. */
  before: ReadonlyMap<string, ManifestEntry>;
  /**
   * Paths known to exist (`/`-separated; a listing that shows symbolic links too), so an unchanged file
   * is not written again and a new one is not looked at before it is written.
   */
  exists: (relPath: string) => boolean;
}

export interface ApplyResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Files not written or removed because a symbolic link stands on their way: what and why, one line each. */
  refused: string[];
  removed: string[];
}

const writeError = (path: string, e: unknown): BroadsheetError =>
  new BroadsheetError('output.write', `cannot write ${path}: ${(e as Error).message}`, { file: path }, { cause: e });

/** Each file in turn, on this thread: the fastest way for a few files. */
const writeInTurn: WriteFiles = async (files, failed) =>
  files.map(({ path, data }) => {
    try {
      writeFileAtomicSync(path, data);
    } catch (e) {
      throw failed(path, e);
    }
    return sha256Hex(data);
  });

/** How a plan is carried out beyond the defaults. */
export interface ApplyOptions {
  /** How files are written (each in turn on this thread unless given). */
  write?: WriteFiles;
  /** Folders already looked at for symbolic links, kept across the plans of one pass. */
  dirs?: Map<string, boolean>;
  /**
   * Write every planned file, even one the manifest says holds it already: after a killed pass, a file
   * may hold what that pass wrote and never recorded (a search index naming tiers it then removed).
   */
  rewrite?: boolean;
  /**
   * The folder held nothing when the pass began (a fresh runner's): no symbolic link stands on any
   * path, and a file the pass did not write is not there to remove (a full build on a fresh runner
   * forgets the last build's search tiers: tens of thousands of failing stats, each a thrown error).
   */
  empty?: boolean;
}

/**
 * Carry out a plan: new and changed files first (temp + rename, in order, by `o.write`), then the old
 * names of moved files, then the manifest in one transaction; removals last, file before manifest
 * entry. Killed at any point, the next pass finds files the manifest does not know yet holding exactly
 * what it would write (and adopts them) or entries whose files are gone (and writes them again).
 */
export async function applyPlan(plan: OutputPlan, root: string, manifest: Manifest, o: ApplyOptions = {}): Promise<ApplyResult> {
  const r: ApplyResult = { created: [], updated: [], unchanged: [], removed: [], refused: [] };
  const dirs = o.dirs ?? new Map<string, boolean>();
  // Never through a symbolic link inside the output: it is someone else's, and may point anywhere.
  const refused = (relPath: string, listed = true): boolean => {
    if (o.empty) return false;
    const link = symlinkOnTheWay(root, relPath, dirs, listed);
    if (link) r.refused.push(`${targetPath(root, relPath)}: not written or removed, ${link} is a symbolic link (Broadsheet never writes through one)`);
    return link !== null;
  };
  // Hashes known before writing (null: the writer works it out, where the file is written).
  const saved: Array<Omit<ManifestEntry, 'contentHash'> & { contentHash: string | null }> = [];
  const moved: string[] = [];
  const files: { path: string; data: string | Uint8Array }[] = [];
  for (const f of plan.write) {
    const before = plan.before.get(f.key);
    const listed = plan.exists(f.relPath);
    // The hash decides only where the manifest's file is on disk under this name.
    const same = before !== undefined && before.relPath === f.relPath && listed;
    const contentHash = same ? sha256Hex(f.content) : null;
    if (same && !o.rewrite && before.contentHash === contentHash) {
      r.unchanged.push(f.key);
      continue;
    }
    const path = targetPath(root, f.relPath);
    if (refused(f.relPath, listed)) continue;
    files.push({ path, data: f.content });
    if (before && before.relPath !== f.relPath) moved.push(before.relPath);
    saved.push({ itemId: f.key, relPath: f.relPath, contentHash });
    (before ? r.updated : r.created).push(f.key);
  }
  const hashes = await (o.write ?? writeInTurn)(files, writeError);
  // Two items may swap names: an old name that a file of this pass now holds stays.
  const written = new Set(saved.map((f) => f.relPath));
  const gone = (relPath: string): void => {
    if (!o.empty && !refused(relPath)) rmSync(targetPath(root, relPath), { force: true });
  };
  for (const old of moved) if (!written.has(old)) gone(old);
  if (saved.length) await manifest.save(saved.map((f, i) => ({ ...f, contentHash: f.contentHash ?? hashes[i]! })));
  for (const f of plan.remove) gone(f.relPath);
  if (plan.remove.length) await manifest.forget(plan.remove.map((f) => f.itemId));
  pushAll(r.removed, plan.remove.map((f) => f.itemId));
  return r;
}
