/**
 * Hostile documents, linear time: each shape read at n and at 8·n (best of five), and the ratio of the
 * two. Linear is about 8×; quadratic would be 64×; the goal is < 32×. Moved here from the tests, which
 * keep what the reader must do with such documents, not how fast (elapsed time does not belong in a test).
 */
import { parseFeed } from '../../src/feed/index.js';
import { fmt, markdown } from '../lib/table.js';
import type { SuiteOptions } from './parse.js';

export const HOSTILE_SHAPES: Record<string, (n: number) => string> = {
  nested: (n) => `<rss version="2.0"><channel>${`<item><title>t</title><description>${'<a xmlns:p="urn:p">'.repeat(500)}${'</a>'.repeat(500)}</description></item>`.repeat(n / 500)}</channel></rss>`,
  tooDeep: (n) => `<rss version="2.0"><channel><item><title>t</title><description>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</description></item></channel></rss>`,
  entities: (n) => `<!DOCTYPE rss [<!ENTITY e "abc">]><rss version="2.0"><channel>${'<item><title>&e;&e;&e;</title><guid>&e;</guid></item>'.repeat(n)}</channel></rss>`,
  attributes: (n) => `<rss version="2.0"><channel><item><title a="${'x'.repeat(n * 20)}" b="${'&amp;'.repeat(n)}">t</title><link>${'&lt;a '.repeat(n)}</link></item></channel></rss>`,
  markupTitle: (n) => `<rss version="2.0"><channel><item><title>${'&lt;a b=&quot;'.repeat(n)}</title></item></channel></rss>`,
  deepNamespaces: (n) => `<rss version="2.0"><channel><item><title>deep</title><guid>1</guid><description>${'<x:a xmlns:x="urn:x">'.repeat(n)}${'</x:a>'.repeat(n)}</description></item></channel></rss>`,
};

const best = (doc: string): number => {
  let ms = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    parseFeed(doc, 'https://example.com/');
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
};

export async function hostileSuite(o: SuiteOptions): Promise<string> {
  const n = o.quick ? 5_000 : 10_000;
  const rows: (string | number)[][] = [];
  for (const [shape, make] of Object.entries(HOSTILE_SHAPES)) {
    best(make(n)); // warm up
    const small = best(make(n));
    const large = best(make(8 * n));
    const ratio = large / Math.max(small, 0.01);
    rows.push([shape, fmt(small, 2), fmt(large, 2), `${fmt(ratio)}×`, ratio < 32 ? 'met' : 'not met']);
  }
  return `${markdown(['shape', `ms at ${n}`, `ms at ${8 * n}`, 'ratio (linear ≈ 8×)', 'goal < 32×'], rows)}`;
}
