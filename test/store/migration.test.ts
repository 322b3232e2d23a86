import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { migrate } from '../../src/store/sqlite/migrations.js';
import { tempDir } from '../helpers/workspace.js';
import { allItems } from '../helpers/store.js';

describe('store migration to parts (v4)', () => {
  it('moves the Hexo manifest and imported front matter to the hexo output and numbers the items', async () => {
    const ws = await tempDir();
    const path = join(ws.dir, 'old.db');
    const db = new Database(path);
    // A v3 store as the previous release left it.
    migrate(db, 3);
    db.exec(`INSERT INTO sources (id, kind, url, category, site, channel) VALUES ('/a', 'rsshub', 'https://r/a', 'c', 's', 'ch');
      INSERT INTO items (id, source_id, title, html, excerpt, content_hash, first_seen_at, updated_at, origin, front_matter)
        VALUES ('i1', '/a', 'one', '<p>1</p>', '1', 'h1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'import', 'title: one'),
               ('i2', '/a', 'two', '<p>2</p>', '2', 'h2', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 'feed', NULL);
      INSERT INTO item_sources VALUES ('i1', '/a', '2026-01-01T00:00:00.000Z'), ('i2', '/a', '2026-01-02T00:00:00.000Z');
      INSERT INTO posts VALUES ('i1', 'c/s/ch/one.md', 'x1'), ('i2', 'c/s/ch/two.md', 'x2');`);
    db.close();
    const store = openSqliteStore(path);
    expect(await store.outputs('hexo').list()).toEqual([
      { itemId: 'i1', relPath: 'c/s/ch/one.md', contentHash: 'x1' },
      { itemId: 'i2', relPath: 'c/s/ch/two.md', contentHash: 'x2' },
    ]);
    // Imported front matter went to the hexo output's notes (v4), and is the item's own since v16.
    expect([...(await store.items.importedFrontMatter(['i1', 'i2']))]).toEqual([['i1', 'title: one']]);
    expect((await store.outputs('hexo').notes(['i1', 'i2'])).size).toBe(0);
    expect((await allItems(store)).map((i) => [i.id, i.sortAt, i.seq])).toEqual([['i2', '2026-01-02T00:00:00.000Z', 2], ['i1', '2026-01-01T00:00:00.000Z', 1]]);
    expect(await store.items.lastSeq()).toBe(2);
    await store.close();
    await ws.cleanup();
  });
});

describe('store migration to carried listings, listed ids and one story per canonical link (v11–v13)', () => {
  it('lists what each source carried, and lets the later of two stories with one canonical link let go of it', async () => {
    const ws = await tempDir();
    const path = join(ws.dir, 'v10.db');
    const db = new Database(path);
    migrate(db, 10);
    db.exec(`INSERT INTO sources (id, kind, url, category, site, channel) VALUES ('/a', 'rsshub', 'https://r/a', '新闻', 'A', '要闻'), ('/b', 'rsshub', 'https://r/b', '新闻', 'B', '快讯');
      INSERT INTO items (id, source_id, canonical_link, title, excerpt, content_hash, first_seen_at, updated_at, seq, category, site, channel)
        VALUES ('i1', '/a', 'https://x/1', 'one', '1', 'h1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1, '新闻', 'A', '要闻'),
               ('i2', '/a', 'https://x/1', 'two', '2', 'h2', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 2, '新闻', 'A', '要闻');
      INSERT INTO item_bodies VALUES ('i1', '<p>1</p>'), ('i2', '<p>2</p>');
      INSERT INTO item_sources VALUES ('i1', '/a', '2026-01-01T00:00:00.000Z'), ('i2', '/a', '2026-01-02T00:00:00.000Z'), ('i1', '/b', '2026-01-03T00:00:00.000Z');`);
    db.close();
    const store = openSqliteStore(path);
    const page = await store.items.query({ fields: 'summary', limit: 10, category: '新闻', site: 'B', channel: '快讯' });
    expect(page.items.map((i) => i.title)).toEqual(['one']);
    await store.close();
    const after = new Database(path, { readonly: true });
    expect(after.prepare('SELECT id, canonical_link AS c FROM items ORDER BY id').all()).toEqual([{ id: 'i1', c: 'https://x/1' }, { id: 'i2', c: null }]);
    after.close();
    await ws.cleanup();
  });
});

describe('store migration to outputs that keep their own state (v16, v17)', () => {
  it("moves imported front matter to the item, Hexo's abbrlinks to its slugs and outputs' '@' notes to their values", async () => {
    const ws = await tempDir();
    const path = join(ws.dir, 'v15.db');
    const db = new Database(path);
    migrate(db, 15);
    db.exec(`INSERT INTO sources (id, kind, url, category, site, channel) VALUES ('/a', 'rsshub', 'https://r/a', 'c', 's', 'ch');
      INSERT INTO items (id, source_id, title, excerpt, content_hash, first_seen_at, updated_at, origin, seq)
        VALUES ('i1', '/a', 'one', '1', 'h1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'import', 1);
      INSERT INTO output_notes VALUES ('hexo', 'i1', 'title: one'), ('site', '@fingerprint', 'f'), ('hexo', '@folder', 't'), ('site', 'i1', '{"day":"2026-01-01"}');
      INSERT INTO abbrlinks VALUES ('i1', '0a1b2c3d');`);
    db.close();
    const store = openSqliteStore(path);
    expect([...(await store.items.importedFrontMatter(['i1']))]).toEqual([['i1', 'title: one']]);
    expect([...(await store.outputs('hexo').slugs('abbrlink', new Map([['i1', ['ffffffff']]])))]).toEqual([['i1', '0a1b2c3d']]);
    expect([...(await store.outputs('site').values(['fingerprint']))]).toEqual([['fingerprint', 'f']]);
    expect([...(await store.outputs('hexo').values(['folder']))]).toEqual([['folder', 't']]);
    expect([...(await store.outputs('site').notes(['i1', '@fingerprint']))]).toEqual([['i1', '{"day":"2026-01-01"}']]);
    expect((await store.outputs('hexo').notes(['i1', '@folder'])).size).toBe(0);
    await store.close();
    await ws.cleanup();
  });
});

describe('store migration of the bodies to a rowid table (v22)', () => {
  it('keeps every body and its page and the id as the key, and leaves no copy of the old table in the file', async () => {
    const ws = await tempDir();
    const path = join(ws.dir, 'v21.db');
    const db = new Database(path);
    migrate(db, 21);
    db.exec(`INSERT INTO sources (id, kind, url, category, site, channel) VALUES ('/a', 'rsshub', 'https://r/a', 'c', 's', 'ch');
      INSERT INTO items (id, source_id, title, excerpt, content_hash, first_seen_at, updated_at, seq)
        VALUES ('i1', '/a', 'one', '1', 'h1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1),
               ('i2', '/a', 'two', '2', 'h2', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 2);
      INSERT INTO item_bodies VALUES ('i1', '<p>一</p>', 'https://a.test/1', '"e1"', NULL), ('i2', '<p>${'二'.repeat(3000)}</p>', NULL, NULL, NULL);`);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'item_bodies'").pluck().get()).toMatch(/WITHOUT ROWID/);
    db.close();
    const store = openSqliteStore(path);
    const [one, two] = await store.items.byIds(['i1', 'i2'], 'full');
    expect(one!.html).toBe('<p>一</p>');
    expect(two!.html).toBe(`<p>${'二'.repeat(3000)}</p>`);
    expect([...(await store.items.articles(['i1', 'i2']))]).toEqual([['i1', { page: { url: 'https://a.test/1', etag: '"e1"', lastModified: null }, html: '<p>一</p>', excerpt: '1' }]]);
    await store.close();
    const after = new Database(path);
    expect(after.prepare("SELECT sql FROM sqlite_master WHERE name = 'item_bodies'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    // The id is still a key: a second body for an item is refused, as an upsert needs.
    expect(() => after.exec("INSERT INTO item_bodies (item_id, html) VALUES ('i1', 'x')")).toThrow(/UNIQUE/);
    expect(after.prepare('SELECT count(*) FROM item_bodies').pluck().get()).toBe(2);
    after.close();
    // The old table's pages were zeroed as they were freed: the file holds each body once (the
    // workflow saves it gzipped, and a freed page's old bytes would still be there to compress).
    const file = readFileSync(path);
    const times = (text: string): number => file.toString('latin1').split(Buffer.from(text).toString('latin1')).length - 1;
    expect(times('<p>一</p>https://a.test/1')).toBe(1);
    await ws.cleanup();
  });
});
