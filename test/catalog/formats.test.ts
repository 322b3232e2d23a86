import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogLookup, readCatalogPath, readNamespaces, readV2Docs } from '../../src/catalog/index.js';
import { noteMissingFixtures, sharedFixtures } from '../helpers/fixtures.js';

const fixtures = sharedFixtures();
if (!fixtures) noteMissingFixtures();

describe('namespace JSON reader', () => {
  it('files routes under their categories with Chinese names first, skipping wildcards', () => {
    const entries = readNamespaces({
      sspai: { name: 'sspai', zh: { name: '少数派 sspai' }, categories: ['new-media'], routes: {
        '/index': { path: '/index', name: 'Home', zh: { name: '首页' }, example: '/sspai/index', categories: ['new-media', 'popular'], parameters: {} },
        '/column/:id': { path: '/column/:id', name: '专栏', example: '/sspai/column/104', parameters: { id: { description: '专栏 id' } } },
      } },
      aljazeera: { name: 'Unknown', routes: { '*': { path: '*', name: 'Unknown' } } },
    });
    expect(entries.map((e) => [e.categoryKey, e.category.zh, e.site, e.channel, e.route, e.path])).toEqual([
      ['new-media', '新媒体', '少数派 sspai', '首页', '/sspai/index', '/sspai/index'],
      ['new-media', '新媒体', '少数派 sspai', '专栏', '/sspai/column/104', '/sspai/column/:id'],
    ]);
    expect(entries[1]!.parameters).toEqual({ id: '专栏 id' });
    expect(catalogLookup(entries)('/sspai/column/999')?.channel).toBe('专栏');
  });
});

describe.skipIf(!fixtures)('routes.json and the 2024+ docs', () => {
  it('give the same entries for the routes they share', async () => {
    const api = readNamespaces(JSON.parse(readFileSync(join(fixtures!, 'rsshub-docs/api/routes.json'), 'utf8')));
    const v2 = await readCatalogPath(join(fixtures!, 'rsshub-docs/v2'));
    const key = (e: { categoryKey: string; path: string | null }) => `${e.categoryKey} ${e.path}`;
    const apiBy = new Map(api.map((e) => [key(e), e]));
    const shared = v2.filter((e) => apiBy.has(key(e)));
    const differ = shared.filter((e) => { const a = apiBy.get(key(e))!; return a.route !== e.route || a.channel !== e.channel || a.namespace !== e.namespace; });
    console.log(`catalog formats: routes.json ${api.length} entries, 2024+ docs ${v2.length}; ${shared.length} shared, ${differ.length} differ`);
    for (const e of differ) console.log(`  ${key(e)}: docs ${e.route} ${e.channel} / routes.json ${apiBy.get(key(e))!.route} ${apiBy.get(key(e))!.channel}`);
    expect(shared.length).toBeGreaterThan(300);
    // The two files are 16 months apart (2024-09 and 2026-01): a few routes were renamed or given
    // new examples in between, and routes.json still calls some "Unknown". Everything else agrees.
    expect(differ.length / shared.length).toBeLessThan(0.03);
  });

  it('reads every route tag of the 2024+ docs, &#39; escapes included', () => {
    const md = readFileSync(join(fixtures!, 'rsshub-docs/v2/blog.md'), 'utf8');
    expect(readV2Docs(md)).toHaveLength((md.match(/<Route namespace=/g) ?? []).length);
  });
});
