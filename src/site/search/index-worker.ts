// The search's worker thread: reads and indexes one tier's documents as they come, then answers its shards (see indexer.ts).
import { parentPort } from 'node:worker_threads';
import { TierIndex } from './postings.js';
import { readDoc, type SourceDoc } from './doc-text.js';

const index = new TierIndex();
parentPort!.on('message', (m: SourceDoc[] | 'end') => {
  if (m !== 'end') {
    const shown: string[] = [];
    for (const doc of m) {
      const r = readDoc(doc);
      index.add(r.index);
      shown.push(r.shown);
    }
    // Taken in, with what each result shows: the builder sends more only while few batches wait here.
    parentPort!.postMessage({ shown });
    return;
  }
  const shards = index.shards();
  parentPort!.postMessage(shards, [...new Set(shards.map((s) => s.buffer as ArrayBuffer))]);
});
