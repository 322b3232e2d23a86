import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

/** Issue 13, group 13: a store that is lost or damaged costs no post and says what to do. */
describe('a lost or damaged store', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let config = '';
  const posts = () => readdirSync(join(ws.dir, 'posts'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort();
  const run = async () => {
    const io = captureIo(ws.dir);
    return { code: await main(['run', '-q', '-c', config], io), err: io.stderr.join('\n') };
  };

  beforeAll(async () => {
    ws = await tempDir('broadsheet-store-edge-');
    // Items without dates: a new store dates them by when it first sees them, so their posts differ in `date:`.
    const items = Array.from({ length: 30 }, (_, i) => `<item><title>新闻 ${i}</title><guid>g${i}</guid><link>https://example.com/${i}</link><description>&lt;p&gt;正文 ${i}&lt;/p&gt;</description></item>`).join('');
    writeFileSync(join(ws.dir, 'feed.xml'), `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.com/</link>${items}</channel></rss>`);
    config = await writeConfig(ws.dir, 'fetch:\n  items: 30\nsources:\n  - file: feed.xml\n    category: 新闻\n    site: 站\n    channel: 频道\nhexo:\n  posts: posts\n  abbrlink: true\nstore:\n  path: state.db\nsite:\n  out: public\n');
    expect((await run()).code).toBe(0);
  }, 60_000);
  afterAll(() => ws?.cleanup());

  it('adopts the posts a lost store had written instead of writing them again beside themselves', async () => {
    const before = posts();
    expect(before).toHaveLength(30);
    for (const f of ['state.db', 'state.db-wal', 'state.db-shm']) rmSync(join(ws.dir, f), { force: true });
    writeFileSync(join(ws.dir, 'state.db'), '');
    await new Promise((done) => setTimeout(done, 1100)); // a new first-seen time
    expect((await run()).code).toBe(0);
    expect(posts()).toEqual(before);
    expect(posts().some((f) => f.includes('~'))).toBe(false);
  }, 60_000);

  it('stops at a damaged store, naming it and how to recover, and loses no post', async () => {
    const db = new Database(join(ws.dir, 'state.db'));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = new Map(posts().map((f) => [f, readFileSync(join(ws.dir, 'posts', f), 'utf8')]));
    const file = join(ws.dir, 'state.db');
    const bytes = readFileSync(file);
    expect(statSync(file).size).toBeGreaterThan(4 * 4096);
    // Garbage over pages in the middle of the file, the header left alone.
    for (let i = 4096; i < Math.min(bytes.length, 4096 * 12); i++) bytes[i] = (i * 7919) % 251;
    writeFileSync(file, bytes);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.err).toContain(`the store ${file} is damaged`);
    expect(r.err).toContain(`sqlite3 '${file}' 'PRAGMA integrity_check'`);
    expect(r.err).not.toMatch(/^broadsheet: database disk image is malformed$/m);
    expect(new Map(posts().map((f) => [f, readFileSync(join(ws.dir, 'posts', f), 'utf8')]))).toEqual(before);
    expect(existsSync(join(ws.dir, 'public/index.html'))).toBe(true);
  }, 60_000);
});
