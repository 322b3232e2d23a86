import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/index.js';
import { siteWriter } from './writer.js';

describe('siteWriter, batches in flight on the writing thread', () => {
  it('fails the next call after a batch it did not wait for fails, records only what was written, and counts every file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-writer-'));
    const store = openSqliteStore(join(dir, 's.db'));
    try {
      const root = join(dir, 'out');
      const out = store.outputs('site');
      // Fine: 700 files in four batches, none of them waited for by a flush of their own.
      const fine = siteWriter(out, root, { verify: true, threaded: true });
      for (let i = 0; i < 700; i++) await fine.add(`/k${i}`, `d${i % 7}/f${i}.html`, `<p>${i}</p>`);
      await fine.flush();
      await fine.close();
      expect(fine.result()).toMatchObject({ created: 700, updated: 0, unchanged: 0 });
      expect((await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html'))).toHaveLength(700);

      // A file stands where batch two wants a folder: a later add, and the last flush, fail with it.
      await rm(root, { recursive: true });
      const blocked = siteWriter(out, root, { verify: true, threaded: true });
      await blocked.add('/first', 'first.html', 'x');
      await blocked.flush();
      await writeFile(join(root, 'blocked'), 'not a folder');
      let error: unknown = null;
      try {
        for (let i = 0; i < 1000; i++) await blocked.add(`/b${i}`, i === 250 ? 'blocked/page.html' : `e/f${i}.html`, `<p>${i}</p>`);
      } catch (e) {
        error = e;
      }
      await expect(blocked.flush()).rejects.toThrow(`cannot write ${join(root, 'blocked/page.html')}`);
      expect(String(error)).toContain(`cannot write ${join(root, 'blocked/page.html')}`);
      await blocked.close();
      // The batch that failed is not in the manifest; the one before it is.
      const recorded = await out.get(['/b0', '/b199', '/b250', '/b399']);
      expect([...recorded.keys()].sort()).toEqual(['/b0', '/b199']);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets the event loop turn while pages are added, so a worker\'s messages are taken as they come', async () => {
    // Pages are made with nothing but promises between them: without a turn, the search's worker
    // waited for its batches to be taken until every page was made.
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-writer-'));
    const store = openSqliteStore(join(dir, 's.db'));
    try {
      const w = siteWriter(store.outputs('site'), join(dir, 'out'), { verify: true, threaded: false });
      let turns = 0;
      const tick = (): void => {
        turns++;
        if (turns < 1000) setImmediate(tick);
      };
      setImmediate(tick);
      // 50 pages, each made in 2 ms of work on this thread: 100 ms without the event loop, but for the writer.
      for (let i = 0; i < 50; i++) {
        const until = performance.now() + 2;
        while (performance.now() < until);
        await w.add(`/p${i}`, `p${i}.html`, `<p>${i}</p>`);
      }
      expect(turns).toBeGreaterThanOrEqual(3);
      await w.flush();
      await w.close();
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
