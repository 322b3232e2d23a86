import { describe, expect, it } from 'vitest';
import { docIndex } from './indexer.js';
import { readDoc, type SourceDoc } from './doc-text.js';
import { TierIndex } from './postings.js';

const docs: SourceDoc[] = Array.from({ length: 250 }, (_, n) => ({
  title: `第${n}条 国务院常务会议 研究 ${n % 7 === 0 ? 'NVIDIA 芯片' : '经济'}`,
  html: n % 5 ? `<p>新华社北京电 第${n}段</p><p>正文：${'稳增长 促改革 调结构 '.repeat(n % 11)}café ${n}</p>` : null,
  excerpt: `摘要 ${n}`,
  category: n % 2 ? '新闻' : '科技',
  site: n % 3 ? '新华社' : '澎湃新闻',
}));

describe('a tier indexed in a worker thread', () => {
  it('numbers documents and cuts shards exactly as in this thread', async () => {
    const here = docIndex(false);
    const there = docIndex(true);
    const texts: [string[], string[]] = [[], []];
    const numbers: [number[], number[]] = [[], []];
    for (const d of docs) {
      here.add(d, (n, t) => (numbers[0].push(n), texts[0].push(t)));
      there.add(d, (n, t) => (numbers[1].push(n), texts[1].push(t)));
    }
    const [a, b] = await Promise.all([here.shards(), there.shards()]);
    expect(numbers[0]).toEqual(docs.map((_, n) => n));
    expect(numbers[1]).toEqual(numbers[0]);
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[0][1]).toMatch(/^新华社北京电 第1段\s+正文：/);
    expect(texts[0][0]).toBe('摘要 0');
    expect(b.length).toBe(a.length);
    expect(b.map((s) => Buffer.from(s).toString('hex'))).toEqual(a.map((s) => Buffer.from(s).toString('hex')));
  });

  it('fails the build with the worker\'s error instead of waiting for shards that never come', async () => {
    const there = docIndex(true);
    there.add({ ...docs[0]!, title: null as unknown as string }, () => undefined);
    await expect(there.shards()).rejects.toThrow(/normalize|null/);
  });
});

describe('a tier\'s shards', () => {
  /** Every entry of a shard: key, document count, postings (each gap from the one before, then its byte). */
  function entries(shard: Uint8Array): Map<string, number[]> {
    let at = 0;
    const varint = () => {
      let n = 0;
      let scale = 1;
      for (;;) {
        const b = shard[at++]!;
        n += (b & 0x7f) * scale;
        if (b < 0x80) return n;
        scale *= 128;
      }
    };
    const out = new Map<string, number[]>();
    while (at < shard.length) {
      const k = varint();
      const key = Buffer.from(shard.subarray(at, at + k)).toString('utf8');
      at += k;
      const count = varint();
      const end = varint() + at;
      const list: number[] = [];
      for (let doc = 0; list.length < count; at++) list.push((doc += varint()));
      expect(at).toBe(end);
      out.set(key, list);
    }
    return out;
  }

  it('are each one buffer of the size worked out beforehand, and hold every key\'s documents', () => {
    // 600 documents: 经济 is in over 256 of them (the long encoding), NVIDIA in one in seven (short).
    const many = Array.from({ length: 600 }, (_, n) => docs[n % docs.length]!);
    const index = new TierIndex();
    for (const d of many) index.add(readDoc(d).index);
    const shards = index.shards();
    expect(shards.length).toBeGreaterThan(1);
    // Allocated once: no buffer grew past its shard (eight bytes of room for a varint).
    for (const s of shards) expect(s.buffer.byteLength).toBeLessThanOrEqual(s.length + 8);
    const all = new Map(shards.flatMap((s) => [...entries(s)]));
    expect(all.get('nvidia')).toEqual(many.flatMap((d, n) => (d.title.includes('NVIDIA') ? [n] : [])));
    expect(all.get('经济')).toEqual(many.flatMap((d, n) => (d.title.includes('经济') ? [n] : [])));
  });
});
