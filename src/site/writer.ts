import { existsSync, readdirSync } from 'node:fs';
import { applyPlan, pushAll, targetPath, threadedWrites, type ManifestEntry, type PlannedFile } from '../shared/index.js';
import type { OutputPart } from '../store/index.js';

const BATCH = 200;
/**
 * The longest the pages go on without letting the event loop turn: the search's worker hands its
 * documents back by message, and one not taken waits (a full build at 20,000 items left it idle for
 * 24 of the pages' 26 s, then indexed four tiers one after another while this thread waited 33 s).
 */
const TURN_MS = 20;

/** How many files a build wrote, left alone and removed: counts only, so memory does not grow with the site. */
export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Files left alone because a symbolic link stood on their way, one line each. */
  refused: string[];
}

function holdsNothing(root: string): boolean {
  try {
    return readdirSync(root).length === 0;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Pages go to disk in batches: each batch is compared with the manifest (an unchanged page is not
 * written), written by temp + rename and recorded in one transaction, so memory holds a few batches,
 * never the site.
 */
export function siteWriter(out: OutputPart, root: string, o: { verify: boolean; threaded: boolean; rewrite?: boolean }) {
  const pending: PlannedFile[] = [];
  const total: WriteCounts = { created: 0, updated: 0, unchanged: 0, removed: 0, refused: [] };
  // After a full build every file must be on disk; an incremental build trusts the manifest. A folder
  // missing or empty at the start (a fresh runner's) holds none: no file is looked for there.
  const empty = o.verify && holdsNothing(root);
  const exists = !o.verify ? () => true : empty ? () => false : (rel: string) => existsSync(targetPath(root, rel));
  // A full build writes every page: the disk's part of it on a thread of its own, beside the rendering.
  const threaded = o.threaded ? threadedWrites() : null;
  // Folders looked at for symbolic links once per build, not once per batch.
  const dirs = new Map<string, boolean>();
  const flushNow = async (batch: PlannedFile[]): Promise<void> => {
    if (batch.length === 0) return;
    const before = await out.get(batch.map((f) => f.key));
    const r = await applyPlan({ write: batch, remove: [], before, exists }, root, out, { write: threaded?.write, dirs, rewrite: o.rewrite, empty });
    total.created += r.created.length;
    total.updated += r.updated.length;
    total.unchanged += r.unchanged.length;
    pushAll(total.refused, r.refused);
  };
  // One flush at a time, in the order asked (the pages and the search are built side by side): a flush
  // returns once every file added before it is on disk, whichever flush took it. After a failed one,
  // every later call fails too: no page is counted as written after one was not.
  let last: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  const failed = (): void => {
    if (failure) throw failure.error;
  };
  const flush = (): Promise<void> => {
    const batch = pending.splice(0);
    const done = last.then(() => {
      failed();
      return flushNow(batch);
    });
    last = done.catch((error: unknown) => {
      failure ??= { error };
    });
    return done;
  };
  // Batches on their way to disk while the next pages are made: memory holds at most three.
  const writing: Promise<void>[] = [];
  let turned = performance.now();
  return {
    async add(key: string, relPath: string, content: string | Uint8Array): Promise<void> {
      failed();
      pending.push({ key, relPath, content });
      if (performance.now() - turned > TURN_MS) {
        await new Promise<void>((next) => setImmediate(next));
        turned = performance.now();
      }
      if (pending.length < BATCH) return;
      // Awaited in turn here, or by any later flush (which follows it): never left to fail unheard.
      writing.push(flush().catch(() => undefined));
      if (writing.length > 2) await writing.shift();
      failed();
    },
    flush,
    async remove(files: readonly ManifestEntry[]): Promise<void> {
      // Only what is written before a removal needs to be on disk first: with nothing to remove, the
      // batch goes on filling (a list removes its surplus pages after each build, mostly none).
      if (files.length === 0) return;
      await flush();
      const r = await applyPlan({ write: [], remove: files, before: new Map(), exists }, root, out, { dirs, empty });
      total.removed += r.removed.length;
      pushAll(total.refused, r.refused);
    },
    result: (): WriteCounts => ({ ...total, refused: [...total.refused] }),
    /** Ends the writing thread (after the last flush; a build that failed calls it too). */
    close: async (): Promise<void> => threaded?.close(),
  };
}
