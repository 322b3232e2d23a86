import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/** Issue 13, group 8: a symbolic link inside an output folder is someone else's; nothing is written through it. */
describe('symbolic links inside the posts folder', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let out: { code: number; stdout: string; stderr: string };
  let config: string;
  const elsewhere = () => join(ws.dir, 'elsewhere');

  beforeAll(async () => {
    ws = await tempDir('broadsheet-symlinks-');
    const feed = (titles: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.com/</link>${titles.map((t, i) => `<item><title>${t}</title><guid>${t}</guid><link>https://example.com/${encodeURIComponent(t)}</link><pubDate>${new Date(Date.UTC(2026, 10, 1, i)).toUTCString()}</pubDate><description>&lt;p&gt;${t}&lt;/p&gt;</description></item>`).join('')}</channel></rss>`;
    writeFileSync(join(ws.dir, 'a.xml'), feed(['链接里的新闻']));
    writeFileSync(join(ws.dir, 'b.xml'), feed(['旁边的新闻', '被占的名字']));
    // Outside the posts folder: a file a post path would reach through a linked folder, and a file a linked post name points at.
    mkdirSync(join(elsewhere(), '站/频道'), { recursive: true });
    writeFileSync(join(elsewhere(), '站/频道/链接里的新闻.md'), 'not Broadsheet\'s\n');
    writeFileSync(join(elsewhere(), 'target.txt'), 'precious\n');
    mkdirSync(join(ws.dir, 'posts/正常/站/频道'), { recursive: true });
    symlinkSync(elsewhere(), join(ws.dir, 'posts/链接'));
    symlinkSync(join(elsewhere(), 'target.txt'), join(ws.dir, 'posts/正常/站/频道/被占的名字.md'));
    config = await writeConfig(ws.dir, 'sources:\n  - file: a.xml\n    category: 链接\n    site: 站\n    channel: 频道\n  - file: b.xml\n    category: 正常\n    site: 站\n    channel: 频道\nhexo:\n  posts: posts\nstore:\n  path: state.db\n');
    const io = captureIo(ws.dir);
    const code = await main(['run', '-c', config], io);
    out = { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
  }, 60_000);
  afterAll(() => ws?.cleanup());

  it('never writes through a linked folder, says so, and writes the other posts', () => {
    expect(out.code).toBe(0);
    expect(readFileSync(join(elsewhere(), '站/频道/链接里的新闻.md'), 'utf8')).toBe('not Broadsheet\'s\n');
    expect(readdirSync(join(elsewhere(), '站/频道'))).toEqual(['链接里的新闻.md']);
    expect(out.stdout).toMatch(new RegExp(`链接里的新闻( ~[0-9a-f]+)?\\.md: not written or removed, ${join(ws.dir, 'posts/链接').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a symbolic link`));
    expect(readFileSync(join(ws.dir, 'posts/正常/站/频道/旁边的新闻.md'), 'utf8')).toContain("title: '旁边的新闻'");
    expect(out.stdout).toMatch(/posts: 2 new/);
  });

  it('leaves a link at a post\'s name alone and writes the post under another name', () => {
    const link = join(ws.dir, 'posts/正常/站/频道/被占的名字.md');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join(elsewhere(), 'target.txt'));
    expect(readFileSync(join(elsewhere(), 'target.txt'), 'utf8')).toBe('precious\n');
    const names = readdirSync(join(ws.dir, 'posts/正常/站/频道'));
    expect(names.filter((n) => n.startsWith('被占的名字 ~'))).toHaveLength(1);
  });

  it('writes the post it could not once the link is gone, at the next run with nothing new', async () => {
    rmSync(join(ws.dir, 'posts/链接'));
    const io = captureIo(ws.dir);
    expect(await main(['run', '-c', config], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/posts: 1 new/);
    expect(existsSync(join(ws.dir, 'posts/链接/站/频道/链接里的新闻.md'))).toBe(true);
    // Written, it is no longer tried again.
    const again = captureIo(ws.dir);
    expect(await main(['run', '-c', config], again)).toBe(0);
    expect(again.stdout.join('\n')).toMatch(/posts: 0 new, 0 updated, 0 unchanged/);
  });
});
