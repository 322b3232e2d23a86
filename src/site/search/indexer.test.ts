import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { sanitize } from '../../content/index.js';
import { openSqliteStore, type StoredItem } from '../../store/index.js';
import { ALJAZEERA, sampleItem } from '../../../test/helpers/items.js';
import { docIndex, readInWorker } from './indexer.js';
import { readDoc, sourceDocOf, type SourceDoc } from './doc-text.js';
import type { ShownDoc } from './tier-read.js';
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

  it('reads a tier from the store\'s file itself: the documents, their order and texts, and the shards this thread makes of the same items', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-tier-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'store.db');
    const store = openSqliteStore(file);
    await store.sources.sync([{ id: '/aljazeera/news', kind: 'feed', url: 'https://e.com/feed', ...ALJAZEERA, options: { items: 2000 } }]);
    // 1,150 items (more than one read of 500), a minute apart: the tier is the middle 1,000 of them.
    const minute = (k: number) => new Date(Date.UTC(2026, 11, 1) + k * 60_000).toISOString();
    await store.sources.recordSuccess('/aljazeera/news', docs.concat(docs, docs, docs, docs.slice(0, 150)).map((d, k) => sampleItem({
      id: `item-${String(k).padStart(4, '0')}`, link: `https://e.com/${k}`, publishedAt: minute(k), title: `${d.title} ${k}`, html: sanitize(d.html ?? '', 'https://e.com/'), excerpt: d.excerpt ?? '', contentHash: `h${k}`,
    })), { at: new Date('2026-12-05T00:00:00Z'), latencyMs: 1, cache: {} });
    const range = { from: minute(100), to: minute(1100) };
    // This thread: the range read newest first, each item a document.
    const here = docIndex(false);
    const expected: ShownDoc[] = [];
    const items: StoredItem[] = [];
    for (let after = null as StoredItem | null, page; (page = await store.items.query({ fields: 'full', limit: 300, since: range.from, until: range.to, after })).items.length > 0; ) {
      items.push(...page.items);
      if (!page.next) break;
      after = page.items.at(-1)!;
    }
    for (const item of items) here.add(sourceDocOf(item), (_, text) => expected.push({ id: item.id, title: item.title, date: item.sortAt, site: item.names.site, channel: item.names.channel, text }));
    const shards = await here.shards();
    await store.close();
    const got: ShownDoc[] = [];
    let theirs: Uint8Array[] = [];
    for await (const m of readInWorker({ file, ...range })) {
      if ('shards' in m) theirs = m.shards;
      else got.push(...m.docs);
    }
    expect(expected).toHaveLength(1000);
    expect(expected[0]!.id).toBe('item-1099');
    expect(got).toEqual(expected);
    expect(theirs.map((b) => Buffer.from(b).toString('hex'))).toEqual(shards.map((b) => Buffer.from(b).toString('hex')));
    // A file that is not a store: the worker's error, not a wait for shards that never come.
    writeFileSync(join(dir, 'not-a-store.db'), 'not a database '.repeat(100));
    const reading = (async () => {
      for await (const _ of readInWorker({ file: join(dir, 'not-a-store.db'), from: null, to: null }));
    })();
    await expect(reading).rejects.toThrow(/not-a-store\.db/);
  }, 60_000);

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
