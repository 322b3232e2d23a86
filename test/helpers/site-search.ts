import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSearch, type SearchHit } from '../../src/site/assets/search.js';

/** The site's own search code over a built site on disk: what a reader's browser would find. */
export function searchOnDisk(root: string) {
  const s = createSearch(async (path) => {
    try {
      return new Uint8Array(readFileSync(join(root, path)));
    } catch {
      return null;
    }
  });
  return {
    ...s,
    /** The article URLs a query finds, in the order shown. */
    async urls(query: string, opts?: Parameters<typeof s.query>[1]): Promise<string[]> {
      const hits: SearchHit[] = await s.query(query, opts);
      return (await Promise.all(hits.map((h) => s.doc(h)))).map((d) => d!.url);
    },
  };
}

/** A built site's files (relative path → bytes), the search index's tier files and their list left out: their names record the index's history. */
export function siteFiles(root: string, files: readonly string[]): Map<string, string> {
  return new Map(
    files
      .map((f) => [f.slice(root.length + 1), readFileSync(f).toString('base64')] as const)
      .filter(([rel]) => rel !== 'search/index.json' && !/^search\/[^/]+\//.test(rel)),
  );
}

/** Two built sites find the same articles for each query, and neither keeps a tier folder its index does not name. */
export async function expectSameSearch(a: string, b: string, queries: readonly string[]): Promise<void> {
  const { expect } = await import('vitest');
  for (const root of [a, b]) {
    const named = (JSON.parse(readFileSync(join(root, 'search/index.json'), 'utf8')) as { tiers: Array<{ dir: string }> }).tiers.map((t) => t.dir).sort();
    const onDisk = readdirSync(join(root, 'search'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `search/${e.name}/`).sort();
    expect(onDisk).toEqual(named);
  }
  for (const q of queries) expect({ q, urls: await searchOnDisk(a).urls(q, { sort: 'relevance' }) }).toEqual({ q, urls: await searchOnDisk(b).urls(q, { sort: 'relevance' }) });
}
