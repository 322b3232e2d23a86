// The output writer's thread: writes each batch it is sent, file by file, and says when it is done
// (or which file failed and why; the files after it are not written). See threaded-writes.ts.
import { parentPort } from 'node:worker_threads';
import { writeFileAtomicSync } from '../atomic-write.js';
import type { WriteBatch, WriteDone } from './threaded-writes.js';

parentPort!.on('message', ({ files }: WriteBatch) => {
  let done: WriteDone = { failed: null };
  for (const { path, data } of files) {
    try {
      writeFileAtomicSync(path, data);
    } catch (e) {
      done = { failed: { path, message: (e as Error).message, code: (e as NodeJS.ErrnoException).code } };
      break;
    }
  }
  parentPort!.postMessage(done);
});
