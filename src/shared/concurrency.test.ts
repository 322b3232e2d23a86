import { describe, expect, it } from 'vitest';
import { grouped } from './concurrency.js';

describe('grouped', () => {
  it('runs the first call at once and what arrives meanwhile together next, answering each in order', async () => {
    const groups: number[][] = [];
    const double = grouped(async (xs: number[]) => {
      groups.push(xs);
      await new Promise((done) => setTimeout(done, 10));
      return xs.map((x) => x * 2);
    });
    const answers = await Promise.all([1, 2, 3, 4].map((x) => double(x)));
    expect(answers).toEqual([2, 4, 6, 8]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
    expect(await double(5)).toBe(10);
    expect(groups.at(-1)).toEqual([5]);
  });

  it('tries a failed group one call at a time, so only the bad call fails', async () => {
    const groups: string[][] = [];
    const store = grouped(async (xs: string[]) => {
      groups.push(xs);
      if (xs.includes('bad')) throw new Error('busy');
      return xs.map((x) => x.toUpperCase());
    });
    const slow = store('first');
    const rest = ['a', 'bad', 'b'].map((x) => store(x).then((v) => ({ v }), (e: Error) => ({ e: e.message })));
    expect(await slow).toBe('FIRST');
    expect(await Promise.all(rest)).toEqual([{ v: 'A' }, { e: 'busy' }, { v: 'B' }]);
    expect(groups).toEqual([['first'], ['a', 'bad', 'b'], ['a'], ['bad'], ['b']]);
  });

  it('with a linger, waits for company up to the time or the size given', async () => {
    const groups: number[][] = [];
    const echo = grouped(async (xs: number[]) => (groups.push(xs), xs), { linger: 30, most: 3 });
    const t0 = Date.now();
    expect(await Promise.all([echo(1), echo(2)])).toEqual([1, 2]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    expect(await Promise.all([3, 4, 5, 6].map((x) => echo(x)))).toEqual([3, 4, 5, 6]);
    expect(groups).toEqual([[1, 2], [3, 4, 5], [6]]);
  });
});
