import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/index.js';
import { abbrlinksOf } from './abbrlink.js';

describe('abbrlinks, the hexo output\'s slugs', () => {
  it('are stable and unique, collisions resolved once', async () => {
    const store = openSqliteStore(':memory:');
    const out = store.outputs('hexo');
    const a = 'deadbeef' + '1'.repeat(56);
    // Its next 8 digits read as numbers in YAML (octal, exponent): passed over.
    const b = 'deadbeef' + '01234567' + '12e45678' + 'c0ffee22' + '2'.repeat(32);
    const first = await abbrlinksOf(out, [a, b]);
    expect([first.get(a), first.get(b)]).toEqual(['deadbeef', 'c0ffee22']);
    expect([...(await abbrlinksOf(out, [b, a]))]).toEqual([[b, 'c0ffee22'], [a, 'deadbeef']]);
    // Another output's names are its own.
    expect((await abbrlinksOf(store.outputs('other'), [b])).get(b)).toBe('deadbeef');
    await store.close();
  });
});
