import { Worker } from 'node:worker_threads';
import { startWorker } from '../../shared/index.js';
import { TierIndex } from './postings.js';
import { readDoc, type SourceDoc } from './doc-text.js';
import { AHEAD, type ShownDoc, type TierRead } from './tier-read.js';

/** A tier's index being built: documents numbered in the order added, then its shards. */
export interface DocIndex {
  /** Adds the next document; `shown` gets its number and the start of its text (what a result shows) once it is read. */
  add(doc: SourceDoc, shown: (n: number, text: string) => void): void;
  /** Resolves when the index has room for more: a worker holds a few batches at most, not a tier's bodies. */
  room(): Promise<void>;
  shards(): Promise<Uint8Array[]>;
}

/** Documents sent to the worker at a time: few messages, little held. */
const SEND = 100;

/**
 * A tier's index, built in this thread or (`inWorker`, for large tiers) in a worker thread, so that
 * reading and tokenizing the bodies takes the other core while this one renders pages and writes
 * fragments. Both number documents the same way and give the same shards and texts. An index read back
 * from its shards (`resumed`: the recent tier, a few hundred documents) takes its new ones here.
 */
export function docIndex(inWorker: boolean, resumed?: TierIndex): DocIndex {
  if (!inWorker || resumed) {
    const index = resumed ?? new TierIndex();
    return {
      add(doc, shown) {
        const r = readDoc(doc);
        shown(index.add(r.index), r.shown);
      },
      room: async () => undefined,
      shards: async () => index.shards(),
    };
  }
  const worker = indexWorker();
  // Not holding the process open if the build fails before asking for the shards; held while it waits.
  worker.unref();
  let ahead = 0;
  let wake: (() => void) | null = null;
  // Documents sent, in order, waiting for their texts.
  const waiting: Array<(n: number, text: string) => void> = [];
  let taken = 0;
  // What the worker says: a batch taken in, then once the shards (or how it failed).
  const answer = new Promise<Uint8Array[]>((done, fail) => {
    worker.on('message', (m: { shown: string[] } | Uint8Array[]) => {
      if (Array.isArray(m)) return done(m);
      for (const text of m.shown) waiting.shift()!(taken++, text);
      ahead--;
      wake?.();
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the search index's worker stopped (exit code ${code})`)));
  });
  answer.catch(() => undefined);
  let held: SourceDoc[] = [];
  const send = () => {
    if (held.length > 0) {
      worker.postMessage(held);
      ahead++;
    }
    held = [];
  };
  return {
    add(doc, shown) {
      held.push(doc);
      waiting.push(shown);
      if (held.length >= SEND) send();
    },
    async room() {
      // Called per document: only a full queue holds the process and waits.
      if (ahead < AHEAD) return;
      worker.ref();
      try {
        while (ahead >= AHEAD) await Promise.race([new Promise<void>((r) => (wake = r)), answer]);
      } finally {
        worker.unref();
      }
    },
    async shards() {
      send();
      worker.postMessage('end');
      worker.ref();
      try {
        return await answer;
      } finally {
        await worker.terminate();
      }
    },
  };
}

function indexWorker(): Worker {
  return startWorker(import.meta.url, 'index-worker');
}

/**
 * A tier the worker reads from the store's file itself and indexes: what each document shows, a batch
 * at a time in document order, then the tier's shards.
 */
export async function* readInWorker(read: TierRead): AsyncGenerator<{ docs: ShownDoc[] } | { shards: Uint8Array[] }> {
  const worker = indexWorker();
  const queue: Array<{ docs: ShownDoc[] } | { shards: Uint8Array[] }> = [];
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  worker.on('message', (m: { docs: ShownDoc[] } | Uint8Array[]) => {
    queue.push(Array.isArray(m) ? { shards: m } : m);
    wake?.();
  });
  worker.once('error', (e) => {
    failed = e;
    wake?.();
  });
  worker.once('exit', (code) => {
    failed ??= new Error(`the search index's worker stopped (exit code ${code})`);
    wake?.();
  });
  worker.postMessage({ read });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failed) throw failed;
        await new Promise<void>((r) => (wake = r));
      }
      const m = queue.shift()!;
      if ('shards' in m) return yield m;
      // Taken: the worker may read one batch more.
      worker.postMessage('more');
      yield m;
    }
  } finally {
    await worker.terminate();
  }
}
