import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { MARKER_FILE } from '../src/shared/index.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

const feed = (prefix: string, n: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${prefix}</title><link>https://example.com/</link>${Array.from({ length: n }, (_, i) => `<item><title>${prefix}新闻 ${i}</title><guid>${prefix}-${i}</guid><link>https://example.com/${prefix}/${i}</link><pubDate>${new Date(Date.UTC(2026, 10, 1, 0, i)).toUTCString()}</pubDate><description>&lt;p&gt;${prefix} 第 ${i} 条&lt;/p&gt;</description></item>`).join('')}</channel></rss>`;

const posts = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

/**
 * A first pass of many posts goes batch by batch, each written on the writing thread while the next
 * is planned: a batch that cannot be written fails the pass with the file named, and the next pass
 * writes every post once.
 */
describe('Hexo posts written in batches', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let config: string;

  beforeAll(async () => {
    ws = await tempDir('broadsheet-hexo-batches-');
    writeFileSync(join(ws.dir, 'a.xml'), feed('甲', 600));
    writeFileSync(join(ws.dir, 'b.xml'), feed('乙', 150));
    config = await writeConfig(ws.dir, 'sources:\n  - file: a.xml\n    category: 甲类\n    site: 站\n    channel: 频道\n    items: 600\n  - file: b.xml\n    category: 乙类\n    site: 站\n    channel: 频道\n    items: 150\nhexo:\n  posts: posts\nsite:\n  search: false\nstore:\n  path: state.db\n');
  }, 60_000);
  afterAll(() => ws?.cleanup());

  it('fails naming the file a batch could not write, leaving no temp file', async () => {
    // A file where the second category's folder would go.
    mkdirSync(join(ws.dir, 'posts'), { recursive: true });
    writeFileSync(join(ws.dir, 'posts/乙类'), 'in the way\n');
    const io = captureIo(ws.dir);
    expect(await main(['run', '-c', config], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/cannot write .*posts\/乙类\/站\/频道\/乙新闻 \d+\.md: ENOTDIR/);
    expect(posts(join(ws.dir, 'posts')).filter((p) => p.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('writes every post once when the way is clear', async () => {
    rmSync(join(ws.dir, 'posts/乙类'));
    const io = captureIo(ws.dir);
    expect(await main(['run', '-c', config], io), io.stderr.join('\n')).toBe(0);
    const files = posts(join(ws.dir, 'posts'));
    expect(files.filter((p) => p.endsWith('.md'))).toHaveLength(750);
    expect(files.filter((p) => !p.endsWith('.md'))).toEqual([join(ws.dir, 'posts', MARKER_FILE)]);
    expect(readdirSync(join(ws.dir, 'posts/甲类/站/频道'))).toHaveLength(600);
    expect(readdirSync(join(ws.dir, 'posts/乙类/站/频道'))).toHaveLength(150);
    // Recorded, every one: the next run has nothing to write.
    const again = captureIo(ws.dir);
    expect(await main(['run', '-c', config], again)).toBe(0);
    expect(again.stdout.join('\n')).toMatch(/posts: 0 new, 0 updated, 0 unchanged/);
  }, 60_000);
});
