import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOf, keyText, readVarint, tokenize } from '../assets/search.js';
import { TierIndex, type IndexDoc } from './postings.js';

// Words and runs of every kind the tokenizer keys differently: CJK within and outside the BMP, kana,
// hangul, Latin words, digits, joints of the two, filter-like and punctuation characters.
const piece = fc.constantFrom('中国', '经济', '𠮷', '野家', 'ひらがな', 'カタカナ', '한국어', 'Nvidia', 'café', '29', 'mate60', ' ', '，', '\u0001', 'x', '第', '台');
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));

/** A newsroom's vocabulary: a few words in most documents (past the long-postings threshold), many in few. */
function docs(n: number): IndexDoc[] {
  const common = ['中国', '经济', '市场', 'china', '2026'];
  const out: IndexDoc[] = [];
  for (let i = 0; i < n; i++) {
    const rare = `${String.fromCharCode(0x4e00 + ((i * 37) % 5000))}${String.fromCharCode(0x4e00 + ((i * 91) % 5000))} word${i % 97} 𠮷${i % 5}`;
    out.push({ title: `${common[i % 5]}${rare}`, body: `${common.join(' ')} ${rare} ${'新闻'.repeat(i % 4)}`, category: `分类${i % 3}`, site: `站点${i % 7}` });
  }
  return out;
}

const shardsOf = (list: readonly IndexDoc[], from?: { shards: Uint8Array[]; docs: number }): Uint8Array[] => {
  const index = from ? TierIndex.resume(from.shards, from.docs) : new TierIndex();
  for (const d of list) index.add(d);
  return index.shards();
};

describe('a tier read back from its shards', () => {
  it('gives back the key tokenize gave for every text keyText wrote', () => {
    fc.assert(
      fc.property(text, (t) => {
        const keys: Array<string | number> = [];
        tokenize(t.toLowerCase(), (k) => keys.push(k));
        return keys.every((k) => keyOf(keyText(k)) === k);
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the documents after its own and cuts the shards indexing them all at once cuts', () => {
    const all = docs(700);
    const whole = shardsOf(all);
    // Several shards, and keys past the long-postings threshold (256 documents) on both sides of a cut.
    expect(whole.length).toBeGreaterThan(4);
    for (const k of [1, 100, 256, 257, 400, 699]) {
      const first = shardsOf(all.slice(0, k));
      const resumed = shardsOf(all.slice(k), { shards: first, docs: k });
      expect(resumed.length, `cut at ${k}`).toBe(whole.length);
      resumed.forEach((s, i) => expect(Buffer.from(s).equals(Buffer.from(whole[i]!)), `cut at ${k}, shard ${i}`).toBe(true));
    }
  });

  it('refuses a shard that ends inside an entry', () => {
    const [shard] = shardsOf(docs(3));
    expect(() => TierIndex.resume([shard!.subarray(0, shard!.length - 1)], 3)).toThrow(/ends inside an entry/);
  });

  it('weighs each document\'s hits in its byte: up to 3 in the title, up to 31 in the body', () => {
    const word = (n: number) => Array.from({ length: n }, () => 'nvidia').join(' ');
    // The key's postings pass through each form: one number, an array, then (past 256 documents) bytes.
    const list: IndexDoc[] = [
      { title: word(5), body: word(40), category: 'c', site: 's' },
      { title: word(2), body: word(3), category: 'c', site: 's' },
      { title: 'other', body: word(1), category: 'c', site: 's' },
      ...Array.from({ length: 300 }, () => ({ title: 'x', body: word(1), category: 'c', site: 's' })),
      { title: word(4), body: word(35), category: 'c', site: 's' },
    ];
    const bytes: number[] = [];
    for (const shard of shardsOf(list)) {
      const at = { i: 0 };
      while (at.i < shard.length) {
        const length = readVarint(shard, at);
        const key = new TextDecoder().decode(shard.subarray(at.i, at.i + length));
        at.i += length;
        const count = readVarint(shard, at);
        const size = readVarint(shard, at);
        if (key !== 'nvidia') {
          at.i += size;
          continue;
        }
        for (let d = 0; d < count; d++) {
          readVarint(shard, at);
          bytes.push(shard[at.i++]!);
        }
      }
    }
    expect(bytes).toEqual([3 * 32 + 31, 2 * 32 + 3, 1, ...Array.from({ length: 300 }, () => 1), 3 * 32 + 31]);
  });
});
