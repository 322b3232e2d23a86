/**
 * Items a batch at a time in `seq` order, each batch asked for after the last one's highest `seq`:
 * "everything changed since" (`items.changes`), or what an output must look at (`pending`). The one
 * loop every output walks the store with, so memory holds one batch.
 */
export async function* inSeqOrder<T extends { seq: number }>(next: (afterSeq: number) => Promise<T[]>, since = 0): AsyncGenerator<T[]> {
  for (let after = since; ; ) {
    const batch = await next(after);
    if (batch.length === 0) return;
    after = batch.at(-1)!.seq;
    yield batch;
  }
}
