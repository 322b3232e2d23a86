import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { threadedWrites } from './threaded-writes.js';
import { sha256Hex } from '../hash.js';

const failed = (path: string, e: unknown) => new Error(`cannot write ${path}: ${(e as Error).message}`, { cause: e });

describe('threadedWrites', () => {
  let dir = '';
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('writes each batch in order on its own thread, making folders, leaving no temp file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-writes-'));
    const w = threadedWrites();
    try {
      const a = w.write([{ path: join(dir, 'a/b/one.html'), data: '一' }, { path: join(dir, 'two.bin'), data: new Uint8Array([1, 2, 3]) }], failed);
      // The same file twice: the later content stays, as one write after the other would leave it.
      const b = w.write([{ path: join(dir, 'a/b/one.html'), data: '二' }], failed);
      // Each file's sha256, worked out where it was written (the manifest's hash).
      expect(await Promise.all([a, b])).toEqual([[sha256Hex('一'), sha256Hex(new Uint8Array([1, 2, 3]))], [sha256Hex('二')]]);
      expect(await readFile(join(dir, 'a/b/one.html'), 'utf8')).toBe('二');
      expect([...(await readFile(join(dir, 'two.bin')))]).toEqual([1, 2, 3]);
      expect((await readdir(dir, { recursive: true })).sort()).toEqual(['a', 'a/b', 'a/b/one.html', 'two.bin']);
    } finally {
      await w.close();
    }
  });

  it('fails with the first file it cannot write, named; files before it are written, files after it not', async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-writes-'));
    await writeFile(join(dir, 'plain'), 'a file, not a folder');
    const w = threadedWrites();
    try {
      const blocked = join(dir, 'plain/page.html');
      await expect(w.write([{ path: join(dir, 'first.html'), data: '1' }, { path: blocked, data: '2' }, { path: join(dir, 'after.html'), data: '3' }], failed)).rejects.toThrow(`cannot write ${blocked}: `);
      expect((await readdir(dir)).sort()).toEqual(['first.html', 'plain']);
      // The thread goes on serving the next batch.
      await w.write([{ path: join(dir, 'next.html'), data: '4' }], failed);
      expect(await readFile(join(dir, 'next.html'), 'utf8')).toBe('4');
    } finally {
      await w.close();
    }
  });
});
