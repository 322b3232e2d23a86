// The search's worker thread: indexes one tier's documents as they come, then answers its shards (see indexer.ts).
import { parentPort } from 'node:worker_threads';
import { TierIndex, type IndexDoc } from './postings.js';

const index = new TierIndex();
parentPort!.on('message', (m: IndexDoc[] | 'end') => {
  if (m !== 'end') {
    for (const doc of m) index.add(doc);
    // Taken in: the builder sends more only while few batches wait here.
    parentPort!.postMessage('ack');
    return;
  }
  const shards = index.shards();
  parentPort!.postMessage(shards, [...new Set(shards.map((s) => s.buffer as ArrayBuffer))]);
});
