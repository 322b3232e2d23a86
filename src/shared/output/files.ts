import { lstatSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BroadsheetError } from '../errors.js';

/** What a writer leaves behind when killed between writing its temp file and renaming it. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;


/** The absolute path of `relPath` (`/`-separated), refusing anything that would land outside `root`. */
export function targetPath(root: string, relPath: string): string {
  const target = join(root, ...relPath.split('/'));
  if (!target.startsWith(join(root, '/')) || relPath.split('/').some((s) => s === '..' || s === '.' || s === '')) {
    throw new BroadsheetError('output.write', `refusing to write ${relPath} outside ${root}`, { file: target });
  }
  return target;
}

/**
 * The regular files of one folder of an output (names only), after removing temp files a killed
 * writer left there: existence is taken from this listing, never from a failing read per file.
 */
export function listFolder(root: string, dir: string): string[] {
  const path = dir === '' ? root : targetPath(root, dir);
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const e of entries) {
    // A symbolic link is listed like a file: its name is taken (by someone else), never replaced.
    if (!e.isFile() && !e.isSymbolicLink()) continue;
    if (e.isFile() && TEMP_FILE.test(e.name)) rmSync(join(path, e.name), { force: true });
    else names.push(e.name);
  }
  return names;
}

/** Remove every temp file a killed writer left anywhere below `root`. */
export function removeTempFiles(root: string): number {
  let removed = 0;
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.isFile() && TEMP_FILE.test(e.name)) {
      rmSync(join(e.parentPath, e.name), { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * The first symbolic link between `root` and `relPath` (its folders, then the file), or null.
 * Folders already looked at are remembered in `dirs`; a missing one ends the walk. A file the
 * folder's listing does not hold (`fileListed` false) is not looked at: no failing stat per new file.
 */
export function symlinkOnTheWay(root: string, relPath: string, dirs: Map<string, boolean>, fileListed = true): string | null {
  const parts = relPath.split('/');
  let path = root;
  for (const [i, part] of parts.entries()) {
    path = join(path, part);
    const folder = i < parts.length - 1;
    if (!folder && !fileListed) return null;
    let link = folder ? dirs.get(path) : undefined;
    if (link === undefined) {
      let stat;
      try {
        stat = lstatSync(path);
      } catch {
        // Not there: nothing on or below it is a link, and the folder the writer makes is none.
        if (folder) dirs.set(path, false);
        return null;
      }
      link = stat.isSymbolicLink();
      if (folder) dirs.set(path, link);
    }
    if (link) return path;
  }
  return null;
}


/** Removes a folder of an output if it is empty (its files were removed); one still holding anything stays. */
export function removeEmptyDir(root: string, relDir: string): void {
  try {
    rmdirSync(targetPath(root, relDir));
  } catch {
    // Not empty, or already gone.
  }
}
