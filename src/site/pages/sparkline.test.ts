import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline.js';

/** What a sparkline draws, read back from its paths: each busy day's bar height by day, and the quiet days (dashed runs). */
function drawn(svg: string): { bars: Map<number, number>; quiet: number[] } {
  const bars = new Map<number, number>();
  const quiet: number[] = [];
  for (const [, cls, d] of svg.matchAll(/<path( class="none")? d="([^"]*)"\/>/g)) {
    if (cls) {
      expect(d).toMatch(/^(M\d+ 19\.5h\d+)+$/);
      for (const [, x, w] of d!.matchAll(/M(\d+) 19\.5h(\d+)/g)) for (let k = 0; k < Number(w) / 4; k++) quiet.push(Number(x) / 4 + k);
      continue;
    }
    expect(d).toMatch(/^(M\d+ \d+h3v\d+h-3z)+$/);
    for (const [, x, y, h] of d!.matchAll(/M(\d+) (\d+)h3v(\d+)h-3z/g)) {
      expect(Number(y) + Number(h)).toBe(20);
      bars.set(Number(x) / 4, Number(h));
    }
  }
  return { bars, quiet };
}

describe('sparkline', () => {
  it('draws a bar a busy day, as tall as its share of the busiest day, and quiet days as a dashed baseline', () => {
    const svg = sparkline([0, 10, 5, 1, 0, 0, 40, 0], '近 8 天共 56 条');
    expect(svg).toMatch(/^<svg class="spark" viewBox="0 0 31 20" width="31" height="20" role="img" aria-label="近 8 天共 56 条"><title>近 8 天共 56 条<\/title>/);
    const { bars, quiet } = drawn(svg);
    expect([...bars]).toEqual([[1, 5], [2, 3], [3, 2], [6, 20]]);
    expect(quiet).toEqual([0, 4, 5, 7]);
  });

  it('leaves out a path with nothing to draw, and escapes its label', () => {
    const silent = sparkline([0, 0, 0], 'a < b & "c"');
    expect(silent).not.toMatch(/<path d=/);
    expect(drawn(silent).quiet).toEqual([0, 1, 2]);
    expect(silent).toContain('aria-label="a &lt; b &amp; &quot;c&quot;"');
    expect(sparkline([3, 3], 'x')).not.toContain('class="none"');
  });
});
