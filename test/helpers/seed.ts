// Every run draws the same random inputs (fast-check, kill moments), so a failure can be run again.
// BROADSHEET_SEED=<n> explores other inputs; a failing property prints the seed and path that reproduce it.
import fc from 'fast-check';

export const SEED = Number(process.env.BROADSHEET_SEED ?? 20_261_205);
fc.configureGlobal({ seed: SEED });

/** A seeded generator of numbers in [0, 1) (mulberry32): the tests' Math.random. */
export function seededRandom(seed: number = SEED): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
