// The search's worker thread: indexes one tier's documents, sent to it or read from the store's file
// itself, then answers its shards (see indexer.ts).
import { parentPort } from 'node:worker_threads';
import { TierIndex } from './postings.js';
import { readDoc, type SourceDoc } from './doc-text.js';
import { AHEAD, readTier, type ShownDoc, type TierRead } from './tier-read.js';

const port = parentPort!;
const index = new TierIndex();
const answerShards = (): void => {
  const shards = index.shards();
  port.postMessage(shards, [...new Set(shards.map((s) => s.buffer as ArrayBuffer))]);
};

// Reading itself, it hands on a few batches ahead of the builder, which says `more` as it takes each.
let handed = 0;
let wake: (() => void) | null = null;
const hand = async (docs: ShownDoc[]): Promise<void> => {
  while (handed >= AHEAD) await new Promise<void>((r) => (wake = r));
  handed++;
  port.postMessage({ docs });
};

port.on('message', (m: SourceDoc[] | 'end' | 'more' | { read: TierRead }) => {
  if (m === 'more') {
    handed--;
    return wake?.();
  }
  if (m === 'end') return answerShards();
  if ('read' in m) {
    // A failure is thrown here, where the builder hears of it as this thread's error.
    void readTier(m.read, index, hand).then(answerShards);
    return;
  }
  const shown: string[] = [];
  for (const doc of m) {
    const r = readDoc(doc);
    index.add(r.index);
    shown.push(r.shown);
  }
  // Taken in, with what each result shows: the builder sends more only while few batches wait here.
  port.postMessage({ shown });
});
