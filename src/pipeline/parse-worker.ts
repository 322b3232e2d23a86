// A worker thread of the parse pool: reads one document at a time (see parse-pool.ts).
import { parentPort } from 'node:worker_threads';
import { work, type PoolInput } from './digest.js';

parentPort!.on('message', async (input: PoolInput) => parentPort!.postMessage(await work(input)));
// Loaded: from now on a document's deadline counts.
parentPort!.postMessage('ready');
