import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect.js';
import { authorName } from './fields.js';
import { parseFeed } from './parse.js';

/**
 * Regression tests for issue 13 ("Hostile input costs only its own source"), group 1: patterns that
 * backtracked for minutes to hours on small documents. Each must answer at once (vitest's 5 s limit
 * is the bound; the old code took 90 minutes, "never finished" and 73 s on these inputs).
 */
describe('linear-time field readers', () => {
  it('detects no feed in an unclosed DOCTYPE with many bracket groups', () => {
    expect(detectFormat(`<!DOCTYPE rss ${'[a]'.repeat(40)}`)).toBe('unknown');
    expect(detectFormat(`<!DOCTYPE rss ${'[a]'.repeat(20_000)}`)).toBe('unknown');
    // and still reads a real internal subset
    expect(detectFormat('<?xml version="1.0"?><!-- c --><!DOCTYPE rss [<!ENTITY x "y>z">]><rss version="2.0"/>')).toBe('rss');
  });

  it('reads authors in every form, and a hostile one at once', () => {
    expect(authorName('bob@example.com (Bob Smith)')).toBe('Bob Smith');
    expect(authorName('Bob Smith (bob@example.com)')).toBe('Bob Smith');
    expect(authorName('Bob Smith <bob@example.com>')).toBe('Bob Smith');
    expect(authorName('  王五  ')).toBe('王五');
    expect(authorName('(a@a'.repeat(6000))).toBe('(a@a'.repeat(6000));
  });

  it('reads a 600 KB title that looks almost like markup', () => {
    const title = '<a '.repeat(200_000);
    const doc = `<rss version="2.0"><channel><title>t</title><item><title>${title.replace(/</g, '&lt;')}</title><guid>1</guid></item></channel></rss>`;
    const r = parseFeed(doc, 'https://example.com/');
    if (r instanceof Error) throw r;
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]!.title!.length).toBeGreaterThan(100_000);
  });
});

/** Group 2 and 3: deep documents and entity amplification, with the item limit applied while parsing. */
describe('documents that cost more than their size', () => {
  const rss = (items: string, prolog = '') => `<?xml version="1.0"?>${prolog}<rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;

  it('reads 1,000 nested elements each declaring a namespace, and refuses 100,000 at once', () => {
    const nested = (depth: number) => rss(`<item><title>deep</title><guid>1</guid><description>${'<x:a xmlns:x="urn:x">'.repeat(depth)}${'</x:a>'.repeat(depth)}</description></item>`);
    const r = parseFeed(nested(990), 'https://example.com/');
    if (r instanceof Error) throw r;
    expect(r.entries).toHaveLength(1);
    // How fast it refuses is the bench's to measure (npm run bench -- hostile): here, that it does.
    const deep = parseFeed(nested(100_000), 'https://example.com/');
    expect(deep).toMatchObject({ code: 'feed.too-complex', message: expect.stringContaining('nest deeper than 1000 levels') });
  });

  it('reads an Atom feed in a foreign namespace, renaming it without recursion', () => {
    const doc = `<feed xmlns="urn:other"><title>t</title>${'<entry><id>1</id><title>e</title><content>x</content></entry>'.repeat(50_000)}</feed>`;
    const r = parseFeed(doc, 'https://example.com/');
    if (r instanceof Error) throw r;
    expect(r.entries).toHaveLength(50_000);
    expect(r.entries[0]!.title).toBe('e');
  });

  it('refuses internal entities that would expand to gigabytes, and still reads modest ones', () => {
    const big = 'x'.repeat(15_000);
    const uses = '&big;'.repeat(5000);
    const items = Array.from({ length: 600 }, (_, i) => `<item><title>${i}</title><guid>${i}</guid><description>${uses}</description></item>`).join('');
    const r = parseFeed(rss(items, `<!DOCTYPE rss [<!ENTITY big "${big}">]>`), 'https://example.com/feed');
    expect(r).toBeInstanceOf(Error);
    expect((r as Error & { code: string }).code).toBe('feed.too-complex');
    expect((r as Error).message).toMatch(/https:\/\/example\.com\/feed was not read: its internal entities expand past 4 MB/);
    const ok = parseFeed(rss('<item><title>&site; 新闻</title><guid>tag:&site;/1</guid></item>', '<!DOCTYPE rss [<!ENTITY site "example.com">]>'), 'https://example.com/');
    if (ok instanceof Error) throw ok;
    expect(ok.entries[0]!.title).toBe('example.com 新闻');
  });

  it('keeps only the first items of a huge feed while parsing it', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => `<item><title>${i}</title><guid>${i}</guid></item>`).join('');
    const r = parseFeed(rss(items), 'https://example.com/', { maxItems: 20 });
    if (r instanceof Error) throw r;
    expect(r.entries.map((e) => e.title)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    const atom = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>${'<entry><id>x</id><title>a</title></entry>'.repeat(50)}</feed>`, 'https://example.com/', { maxItems: 3 });
    if (atom instanceof Error) throw atom;
    expect(atom.entries).toHaveLength(3);
  });
});
