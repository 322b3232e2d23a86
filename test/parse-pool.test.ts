import { afterAll, describe, expect, it } from 'vitest';
import { ParsePool } from '../src/pipeline/parse-pool.js';
import type { DigestInput } from '../src/pipeline/digest.js';

const feed = (items: number, bodyChars: number) =>
  `<rss version="2.0"><channel><title>t</title>${Array.from({ length: items }, (_, i) => `<item><title>第${i}条</title><guid>${i}</guid><description>${'&lt;p&gt;段落&lt;b&gt;加粗&lt;/b&gt;&lt;/p&gt;'.repeat(bodyChars / 20)}</description></item>`).join('')}</channel></rss>`;
const input = (text: string, sourceId = '/s'): DigestInput => ({ text, baseUrl: `https://example.com${sourceId}`, sourceId, maxItems: 50, known: null, secrets: [] });

/** Issue 13: documents are read off the main thread; one that runs away costs its worker and its source, never the run. */
describe('the parse pool', () => {
  const pools: ParsePool[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  it('reads documents in worker threads, in parallel, with the same result as this thread', async () => {
    const pool = new ParsePool({ deadlineMs: 30_000, memoryMb: 512 }, 2);
    pools.push(pool);
    const results = await Promise.all(['/a', '/b', '/c'].map((id) => pool.run(input(feed(5, 200), id))));
    for (const r of results) expect(r).toMatchObject({ ok: true, format: 'rss', seen: 5 });
    const r = results[0]!;
    if (!r.ok) throw new Error(r.message);
    expect(r.items[0]!.html).toContain('<b>加粗</b>');
  });

  it('stops a document that takes longer than its deadline, fails it as too complex, and reads the next one', async () => {
    const pool = new ParsePool({ deadlineMs: 300, memoryMb: 512 }, 1);
    pools.push(pool);
    expect(await pool.run(input(feed(5, 100)))).toMatchObject({ ok: true }); // warm
    const slow = await pool.run(input(feed(50, 400_000), '/slow'));
    expect(slow).toEqual({ ok: false, code: 'feed.too-complex', message: 'https://example.com/slow was not read: reading it took longer than 0.3 s' });
    expect(await pool.run(input(feed(3, 100), '/next'))).toMatchObject({ ok: true, seen: 3 });
  }, 60_000);

  it('stops a document that needs more memory than a worker may have', async () => {
    const pool = new ParsePool({ deadlineMs: 60_000, memoryMb: 64 }, 1);
    pools.push(pool);
    const huge = await pool.run(input(feed(10, 1_000_000), '/huge'));
    expect(huge).toEqual({ ok: false, code: 'feed.too-complex', message: 'https://example.com/huge was not read: reading it needed more than 64 MB' });
    expect(await pool.run(input(feed(3, 100), '/after'))).toMatchObject({ ok: true, seen: 3 });
  }, 120_000);
});
