import { describe, expect, it } from 'vitest';
import { docIndex } from './indexer.js';
import type { IndexDoc } from './postings.js';

const docs: IndexDoc[] = Array.from({ length: 250 }, (_, n) => ({
  title: `第${n}条 国务院常务会议 研究 ${n % 7 === 0 ? 'NVIDIA 芯片' : '经济'}`,
  body: `新华社北京电 第${n}段 正文：${'稳增长 促改革 调结构 '.repeat(n % 11)}café ${n}`,
  category: n % 2 ? '新闻' : '科技',
  site: n % 3 ? '新华社' : '澎湃新闻',
}));

describe('a tier indexed in a worker thread', () => {
  it('numbers documents and cuts shards exactly as in this thread', async () => {
    const here = docIndex(false);
    const there = docIndex(true);
    for (const d of docs) expect(there.add(d)).toBe(here.add(d));
    const [a, b] = await Promise.all([here.shards(), there.shards()]);
    expect(b.length).toBe(a.length);
    expect(b.map((s) => Buffer.from(s).toString('hex'))).toEqual(a.map((s) => Buffer.from(s).toString('hex')));
  });

  it('fails the build with the worker\'s error instead of waiting for shards that never come', async () => {
    const there = docIndex(true);
    there.add({ ...docs[0]!, title: null as unknown as string });
    await expect(there.shards()).rejects.toThrow(/normalize|null/);
  });
});
