import { mapLimit } from '../shared/index.js';
import type { Source } from '../sources/index.js';
import type { SourceOutcome } from './types.js';

export type OnSourceDone = (outcome: SourceOutcome, done: number, total: number) => void;

/** Every source with at most `concurrency` in flight, each reported as it finishes; outcomes in source order. */
export async function eachSource(sources: readonly Source[], concurrency: number, fn: (s: Source) => Promise<SourceOutcome>, onDone?: OnSourceDone): Promise<SourceOutcome[]> {
  let done = 0;
  return mapLimit(sources, concurrency, async (source) => {
    const outcome = await fn(source);
    onDone?.(outcome, ++done, sources.length);
    return outcome;
  });
}
