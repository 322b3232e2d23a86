// The output writer's thread: writes each batch it is sent, file by file, and answers with each file's
// hash (or which file failed and why; the files after it are not written). See threaded-writes.ts.
import { parentPort } from 'node:worker_threads';
import { writeFileAtomicSync } from '../atomic-write.js';
import { sha256Hex } from '../hash.js';
import type { WriteBatch, WriteDone } from './threaded-writes.js';

parentPort!.on('message', ({ files }: WriteBatch) => {
  const done: WriteDone = { failed: null, hashes: [] };
  for (const { path, data } of files) {
    try {
      writeFileAtomicSync(path, data);
    } catch (e) {
      done.failed = { path, message: (e as Error).message, code: (e as NodeJS.ErrnoException).code };
      break;
    }
    done.hashes.push(sha256Hex(data));
  }
  parentPort!.postMessage(done);
});
