import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { startWorker } from '../shared/index.js';
import type { ArticleInput, PoolInput, PoolOutput } from './digest.js';

type Answer = PoolOutput<PoolInput>;

export interface PoolLimits {
  /** A document still being read after this long is given up: its worker is stopped. */
  deadlineMs: number;
  /** Heap a worker may use reading one document. */
  memoryMb: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** The worker has loaded its code (it says `ready`): a document's deadline starts only then. */
  ready: boolean;
}

interface Task {
  input: PoolInput;
  done: (r: Answer) => void;
}

/**
 * Worker threads that parse and normalize documents off the main thread: every core reads feeds,
 * and a document that runs away (time or memory) costs its worker, which is replaced, and its source,
 * which fails with `feed.too-complex` — never the run. Idle workers do not keep the process alive.
 */
export class ParsePool {
  private slots: Slot[] = [];
  private queue: Task[] = [];

  constructor(
    private readonly limits: PoolLimits,
    private readonly size: number = Math.max(1, Math.min(4, availableParallelism())),
  ) {}

  run<I extends PoolInput>(input: I): Promise<PoolOutput<I>> {
    return new Promise((done) => {
      this.queue.push({ input, done: done as (r: Answer) => void });
      this.next();
    });
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = startWorker(import.meta.url, 'parse-worker', { maxOldGenerationSizeMb: this.limits.memoryMb });
    worker.unref();
    const slot = { worker, busy: false, ready: false };
    this.slots.push(slot);
    return slot;
  }

  private next(): void {
    if (this.queue.length === 0) return;
    const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : null);
    if (!slot) return;
    const task = this.queue.shift()!;
    slot.busy = true;
    slot.worker.ref();
    const { worker } = slot;
    let finished = false;
    const finish = (r: Answer, replace: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (replace) {
        this.slots = this.slots.filter((s) => s !== slot);
        void worker.terminate();
      } else {
        slot.busy = false;
        worker.unref();
      }
      task.done(r);
      this.next();
    };
    // An article page that runs away costs its item (the feed's content stays); a feed, its source.
    const tooComplex = (why: string): Answer =>
      'article' in task.input ? { ok: false, why: `the page was not read: ${why}` } : { ok: false, code: 'feed.too-complex', message: `${task.input.baseUrl} was not read: ${why}` };
    const start = () => {
      timer = setTimeout(() => finish(tooComplex(`reading it took longer than ${this.limits.deadlineMs / 1000} s`), true), this.limits.deadlineMs);
      worker.postMessage(task.input);
    };
    const onMessage = (r: Answer | 'ready') => {
      if (r !== 'ready') return finish(r, false);
      slot.ready = true;
      start();
    };
    const onError = (e: Error & { code?: string }) =>
      finish(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex(`reading it needed more than ${this.limits.memoryMb} MB`) : failed(task.input, `the parse worker failed: ${e.message}`), true);
    const onExit = (code: number) => finish(failed(task.input, `the parse worker stopped (exit ${code})`), true);
    let timer: NodeJS.Timeout | undefined;
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    if (slot.ready) start();
  }
}

/** A worker that failed, said in the shape its task expects. */
const failed = (input: PoolInput, message: string): Answer => ('article' in input ? { ok: false, why: message } : { ok: false, code: 'internal', message });

export type { ArticleInput };

const pools = new Map<string, ParsePool>();

/** The process's pool for these limits, made on first use (a run ends it once every source is in: `closeParsePools`). */
export function parsePool(limits: PoolLimits): ParsePool {
  const key = `${limits.deadlineMs}:${limits.memoryMb}`;
  if (!pools.has(key)) pools.set(key, new ParsePool(limits));
  return pools.get(key)!;
}

/** Ends every pool's threads (the next `parsePool` starts new ones). */
export async function closeParsePools(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((p) => p.close()));
}

/** A document gets as long to be read as to be fetched (10 s at least), and 1 GB of heap. */
export const poolLimits = (fetch: { timeoutMs: number }): PoolLimits => ({ deadlineMs: Math.max(10_000, fetch.timeoutMs), memoryMb: 1024 });
