import { describe, expect, it } from 'vitest';
import { parseFeed } from '../feed/index.js';
import { nestsDeeperThan } from '../feed/index.js';
import { normalizeEntry } from './normalize.js';

/** Issue 13, group 2: htmlparser2 spends time per tag in proportion to depth; a body nested past 1,000 levels is never given to it. */
describe('HTML bodies nested past what a parser should be given', () => {
  it('estimates nesting in one pass, ignoring void and self-ending elements', () => {
    expect(nestsDeeperThan('<div>'.repeat(1001))).toBe(true);
    expect(nestsDeeperThan(`${'<div>'.repeat(500)}${'</div>'.repeat(500)}`.repeat(10))).toBe(false);
    expect(nestsDeeperThan('<p>para'.repeat(5000) + '<li>x'.repeat(5000) + '<br><img src=x>'.repeat(5000) + '<i/>'.repeat(5000))).toBe(false);
    const t0 = performance.now();
    expect(nestsDeeperThan('<a'.repeat(1_000_000))).toBe(false);
    expect(nestsDeeperThan('<b>'.repeat(1_000_000))).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('fails the entry of a source whose body nests 100,000 deep with feed.too-complex, at once', () => {
    const doc = `<rss version="2.0"><channel><item><title>deep</title><guid>1</guid><description>${'&lt;b&gt;'.repeat(100_000)}x</description></item></channel></rss>`;
    const r = parseFeed(doc, 'https://example.com/');
    if (r instanceof Error) throw r;
    const t0 = performance.now();
    expect(() => normalizeEntry('/deep', r.entries[0]!)).toThrow(/an entry of \/deep nests its HTML deeper than 1000 levels/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
