import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogLookup, readCatalogPath, readLegacyDocs } from '../../src/catalog/index.js';
import { readRsshubPageConfig } from '../../src/sources/index.js';
import { noteMissingFixtures, sharedFixtures } from '../helpers/fixtures.js';

const fixtures = sharedFixtures();
if (!fixtures) noteMissingFixtures();

describe('legacy docs reader', () => {
  it('reads sites, channels, multi-line tags, routes under ## and #### inside bodies', () => {
    const md = [
      '---', 'pageClass: routes', '---', '', '# 新媒体', '', '## Aljazeera 半岛网', '', '### 新闻', '',
      '<Route author="nczitzk" example="/aljazeera/news" path="/aljazeera/news"/>', '',
      '## Benedict Evans', '<Route author="x" example="/benedictevans" path="/benedictevans"/>',
      '## CTFHub', '### 查询近期赛事', '<Route author="frankli0324" example="/ctfhub/search" ', '    path="/ctfhub/search/:limit?/:form?" ', '    :paramsDesc="[\'限制\', \'形式\']">', '#### 资源分类', '| a |', '</Route>',
      '### [Naver](https://comic.naver.com)', '<Route author="x" example="mpaypass/main" path="mpaypass/main/:type?" />',
    ].join('\n');
    const entries = readLegacyDocs(md, 'new-media');
    expect(entries.map((e) => [e.categoryKey, e.category.zh, e.site, e.channel, e.route])).toEqual([
      ['new-media', '新媒体', 'Aljazeera 半岛网', '新闻', '/aljazeera/news'],
      ['new-media', '新媒体', 'Benedict Evans', 'Benedict Evans', '/benedictevans'],
      ['new-media', '新媒体', 'CTFHub', '查询近期赛事', '/ctfhub/search'],
      ['new-media', '新媒体', 'CTFHub', 'Naver', '/mpaypass/main'],
    ]);
    expect(entries[2]!.parameters).toEqual({ limit: '限制', form: '形式' });
    expect(entries[2]!.description).toContain('#### 资源分类');
  });
});

describe.skipIf(!fixtures)('the original system’s selection against the legacy docs', () => {
  it('names every selected route as the original filed its posts', async () => {
    const entries = await readCatalogPath(join(fixtures!, 'rsshub-docs/legacy'));
    const selection = readRsshubPageConfig(readFileSync(join(fixtures!, 'rsshubpage-config/config.yml'), 'utf8')).filter((r) => r.selected);
    const lookup = catalogLookup(entries);
    const mismatches = selection
      .map((r) => ({ r, e: lookup(r.route!) }))
      .filter(({ r, e }) => !e || [e.category.zh, e.site, e.channel].join(' / ') !== [r.category, r.site, r.channel].join(' / '))
      .map(({ r, e }) => `${r.route}: original ${r.category} / ${r.site} / ${r.channel}, catalog ${e ? [e.category.zh, e.site, e.channel].join(' / ') : 'none'}`);
    console.log(`legacy docs: ${entries.length} routes; ${selection.length - mismatches.length}/${selection.length} selected routes named as the original did`);
    expect(entries.length).toBe(1835); // every <Route tag of the 23 pages
    expect(selection.length).toBe(298);
    expect(mismatches).toEqual([]);
  });
});
