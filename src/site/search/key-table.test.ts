import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.js';

describe('KeyTable', () => {
  it('numbers each key once, in the order keys came, through many growths, strings and numbers apart', () => {
    const t = new KeyTable();
    // CJK runs as the tokenizer makes them (a character, a pair, a run of three: up to 2^48) and words.
    const keys: Array<string | number> = [];
    for (let i = 0; i < 30_000; i++) {
      const c = 0x4e00 + ((i * 7919) % 0x51a5);
      keys.push(i % 3 === 0 ? c : i % 3 === 1 ? c * 65536 + 0x4e00 + (i % 977) : (c * 65536 + 0x4e8c) * 65536 + (i % 4093));
      if (i % 100 === 0) keys.push(`word${i}`);
    }
    keys.push('', 0, 1, 2 ** 48 - 1, '42');
    const seen = new Map<string | number, number>();
    for (const k of keys) {
      const id = t.find(k);
      if (seen.has(k)) expect(id).toBe(seen.get(k));
      else {
        expect(id).toBe(-1);
        seen.set(k, t.add(k));
        expect(seen.get(k)).toBe(seen.size - 1);
      }
    }
    expect(t.size).toBe(seen.size);
    // Every key found again after the table grew, and read back by its id: 42 and '42' are two keys.
    for (const [k, id] of seen) {
      expect(t.find(k)).toBe(id);
      expect(t.key(id)).toBe(k);
    }
    expect(t.find(43)).toBe(-1);
    expect(t.find('43')).toBe(-1);
  });
});
