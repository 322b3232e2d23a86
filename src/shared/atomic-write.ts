import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

// A random prefix per process and a counter: two writers never share a name, and no random bytes are
// asked of the system per file (a full build writes tens of thousands).
const PREFIX = randomBytes(3).toString('hex');
let written = 0;

/** Where a file is written before its rename: a dotfile in the same folder (`removeTempFiles` knows its shape: 12 hex digits). */
export const tempName = (path: string): string =>
  join(dirname(path), `.${basename(path).slice(0, 40)}.${PREFIX}${(written++ % 0x1000000).toString(16).padStart(6, '0')}.tmp`);

/**
 * Temp file in the same folder, then rename: readers never see half a file. Synchronous, and the
 * folder is made only when the write finds it missing: the fastest path here (issue: write path).
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = tempName(path);
  try {
    try {
      writeFileSync(tmp, data);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(tmp, data);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The one atomic writer, for callers that await (a config edit, the catalog, a thumbnail). */
export const writeFileAtomic = async (path: string, data: string | Uint8Array): Promise<void> => writeFileAtomicSync(path, data);
