/** A counting semaphore: at most `limit` holders at once, FIFO. */
export class Semaphore {
  #active = 0;
  readonly #waiting: Array<() => void> = [];
  constructor(readonly limit: number) {}

  async acquire(): Promise<() => void> {
    if (this.#active >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else this.#active--;
    };
  }

  async use<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** Map with at most `limit` calls in flight; results keep input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Calls that arrive while one runs are made together next (a group commit): `run` gets everything
 * that waited, one group at a time, and answers each in order. With `linger`, a call that finds
 * nothing running waits up to that many milliseconds for company (at most `most` to a group). A
 * group that fails is tried again one call at a time, so a bad call fails alone.
 */
export function grouped<T, R>(run: (group: T[]) => Promise<R[]>, o: { linger?: number; most?: number } = {}): (input: T) => Promise<R> {
  let waiting: Array<{ input: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  const most = o.most ?? Infinity;
  const drain = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    running = true;
    while (waiting.length > 0) {
      const group = waiting.slice(0, most);
      waiting = waiting.slice(group.length);
      try {
        const out = await run(group.map((g) => g.input));
        group.forEach((g, i) => g.resolve(out[i]!));
      } catch (e) {
        if (group.length === 1) group[0]!.reject(e);
        else for (const g of group) await run([g.input]).then(([r]) => g.resolve(r!), g.reject);
      }
    }
    running = false;
  };
  return (input) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (running) return;
      if (!o.linger || waiting.length >= most) void drain();
      else timer ??= setTimeout(() => void drain(), o.linger);
    });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
