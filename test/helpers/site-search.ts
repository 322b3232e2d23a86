import { readFileSync } from 'node:fs';
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
