import { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-script.js';

/** Files for the disk, each written by temp + rename. */
export type FileWrites = readonly { path: string; data: string | Uint8Array }[];
/**
 * Writes a batch of files in order and gives the sha256 of each (the manifest's hash, worked out where
 * the file is written); rejects with `failed(path, error)` for the first that cannot be written.
 */
export type WriteFiles = (files: FileWrites, failed: (path: string, e: unknown) => Error) => Promise<string[]>;

export interface WriteBatch {
  files: FileWrites;
}
export interface WriteDone {
  failed: { path: string; message: string; code?: string } | null;
  hashes: string[];
}

/**
 * Batches written on a thread of their own, one after another, while the caller goes on making the
 * next: the kernel's part of writing tens of thousands of files (a quarter of a full site build here),
 * and hashing them, leave the thread that renders. One thread, each file by the synchronous call, as
 * the caller's own writes were: several threads at once, or the asynchronous calls, cost the kernel
 * twice the time on this machine (measured). `close` ends the thread; an unclosed one never keeps the
 * process alive.
 */
export function threadedWrites(): { write: WriteFiles; close: () => Promise<void> } {
  let worker: Worker | null = null;
  const waiting: Array<(done: WriteDone | Error) => void> = [];
  const start = (): Worker => {
    const w = startWorker(import.meta.url, 'write-worker');
    w.unref();
    w.on('message', (done: WriteDone) => waiting.shift()?.(done));
    // A thread that dies fails what it had: nothing it was sent is counted as written.
    w.on('error', (e) => {
      for (const answer of waiting.splice(0)) answer(e);
      worker = null;
    });
    return w;
  };
  return {
    write: (files, failed) => {
      if (files.length === 0) return Promise.resolve([]);
      worker ??= start();
      const w = worker;
      return new Promise<string[]>((resolve, reject) => {
        waiting.push((done) => {
          if (done instanceof Error) reject(done);
          else if (done.failed) reject(failed(done.failed.path, Object.assign(new Error(done.failed.message), { code: done.failed.code })));
          else resolve(done.hashes);
        });
        w.postMessage({ files } satisfies WriteBatch);
      });
    },
    close: async () => {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
