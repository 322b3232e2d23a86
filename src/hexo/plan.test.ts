import { sep, join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleItem } from '../../test/helpers/items.js';
import { sha256Hex } from '../shared/index.js';
import { targetPath } from '../shared/index.js';
import { planPosts } from './plan.js';

const OPTS = { keepTitle: false, placeholder: 'p' };
const WINDOWS_BAD = /[<>:"\\|?*\u0000-\u001F]/;
const HEXO_BAD = /[%#]/;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

describe('planPosts', () => {
  it('names the reference post as the original did', () => {
    const [file] = planPosts([sampleItem()], OPTS);
    expect(file!.relPath).toBe('新媒体/Aljazeera 半岛网/新闻/美俄承认_严重分歧_ 但强调对话.md');
  });

  it('never starts a file or folder name with _ or ., which Hexo would skip', () => {
    const [file] = planPosts([sampleItem({ title: '“严重分歧” 但强调对话', names: { category: '_草稿', site: '.hidden', channel: '新闻' } })], OPTS);
    expect(file!.relPath).toBe('草稿/hidden/新闻/严重分歧_ 但强调对话.md');
  });

  it('keeps every collision suffix within 255 bytes (issue 13: ENAMETOOLONG stopped every run)', () => {
    const item = sampleItem({ title: '长'.repeat(200), id: sha256Hex('long') });
    const stem = planPosts([item], OPTS)[0]!.relPath.split('/').pop()!.replace(/\.md$/, '');
    const dir = planPosts([item], OPTS)[0]!.relPath.split('/').slice(0, -1).join('/');
    // The plain name and the item's own suffix are taken by other files: a numbered suffix is next.
    const taken = new Set([`${dir}/${stem}.md`, ...Array.from({ length: 20 }, (_, n) => `${dir}/${stem} ~${item.id.slice(0, 6)}${n ? n + 1 : ''}.md`)].map((p) => p.normalize('NFC').toLowerCase()));
    const [file] = planPosts([item], OPTS, { taken });
    const name = file!.relPath.split('/').pop()!;
    expect(name).toBe(`${stem} ~${item.id.slice(0, 6)}21.md`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
  });

  it('strips dots from file names as the original did', () => {
    const [file] = planPosts([sampleItem({ title: 'Hikyuu 1.2.0 发布' })], OPTS);
    expect(file!.relPath.split('/').pop()).toBe('Hikyuu 120 发布.md');
  });

  it('gives two items with one title two files, the older keeping the plain name', () => {
    const older = sampleItem({ id: sha256Hex('a'), publishedAt: '2021-01-01T00:00:00.000Z' });
    const newer = sampleItem({ id: sha256Hex('b'), publishedAt: '2021-02-01T00:00:00.000Z' });
    const files = planPosts([newer, older], OPTS);
    expect(files.map((f) => [f.itemId, f.relPath.split('/').pop()])).toEqual([
      [older.id, '美俄承认_严重分歧_ 但强调对话.md'],
      [newer.id, `美俄承认_严重分歧_ 但强调对话 ~${newer.id.slice(0, 6)}.md`],
    ]);
  });

  it('keeps folder names inside the posts dir whatever the config says', () => {
    const [file] = planPosts([sampleItem({ title: '..', names: { category: '..', site: '../../etc', channel: 'CON' } })], OPTS);
    expect(file!.relPath).toBe(`untitled/etc/CON_/${sampleItem().id.slice(0, 12)}.md`);
    expect(() => targetPath('/posts', '../x.md')).toThrow(/outside/);
  });

  it('plans unique, safe, ≤ 255-byte names inside the root for any titles', () => {
    const root = resolve('/tmp/posts-root');
    const titles = fc.array(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('CON', 'aux.txt', '..', '.', 'A', 'a', ' x ', '新闻'.repeat(200))),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(titles, (ts) => {
        const posts = ts.map((title, i) => sampleItem({ title, id: sha256Hex(String(i)) }));
        const files = planPosts(posts, OPTS);
        expect(files).toHaveLength(ts.length);
        const folded = files.map((f) => f.relPath.normalize('NFC').toLowerCase());
        expect(new Set(folded).size).toBe(files.length);
        for (const f of files) {
          const name = f.relPath.split('/').pop()!;
          expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
          expect(name).not.toMatch(WINDOWS_BAD);
          expect(f.relPath).not.toMatch(HEXO_BAD);
          expect(name).not.toMatch(RESERVED);
          // Hexo skips paths starting with _ or . (issue: posts Hexo never shows).
          for (const segment of f.relPath.split('/')) expect(segment).not.toMatch(/^[_.]/);
          expect(name.endsWith('.md') && name.length > 3).toBe(true);
          expect(name.isWellFormed()).toBe(true);
          expect(targetPath(root, f.relPath).startsWith(root + sep)).toBe(true);
          expect(join(root, f.relPath)).toBe(targetPath(root, f.relPath));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
