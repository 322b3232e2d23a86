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
