import { describe, expect, it } from 'vitest';
import { BroadsheetError } from '../shared/index.js';
import { parseConfig } from './load.js';

const FILE = '/srv/site/broadsheet.yml';

function errorOf(yaml: string, env: NodeJS.ProcessEnv = {}): BroadsheetError {
  try {
    parseConfig(yaml, FILE, { env });
  } catch (e) {
    if (e instanceof BroadsheetError) return e;
    throw e;
  }
  throw new Error('expected a config error');
}

describe('parseConfig', () => {
  it('fills in every default and resolves paths against the config folder', () => {
    const c = parseConfig('sources: []\n', FILE, { env: {} });
    expect(c.fetch).toMatchObject({ concurrency: 8, perHost: 2, timeoutMs: 20_000, retries: 2, maxBodyBytes: 10 * 1024 * 1024, maxRedirects: 5, items: 20 });
    expect(c.fetch.userAgent).toMatch(/^Broadsheet\/\d+\.\d+\.\d+/);
    expect(c.rsshub).toEqual({ instance: 'https://rsshub.app', keyMode: 'code', instances: [{ url: 'https://rsshub.app', keyMode: 'code' }] });
    expect(c.hexo).toEqual({ postsDir: '/srv/site/hexo/source/_posts', placeholder: 'https://picsum.photos/400/300?random={n}', keepTitle: false, abbrlink: false });
    expect(c.retention).toEqual({});
    expect(c.store.path).toBe('/srv/site/.broadsheet/broadsheet.db');
  });

  it('reads the documented example, units and environment substitution included', () => {
    const c = parseConfig(
      `rsshub:\n  instance: https://rsshub.example.org/\n  key: \${RSSHUB_KEY}\nfetch: { concurrency: 4, perHost: 1, timeout: 1.5m, retries: 0, maxBytes: 512KB, items: 15 }\nsources:\n  - route: /aljazeera/news\n    category: 新媒体\n    site: Aljazeera 半岛网\n    channel: 新闻\n  - file: ./local/feed.xml\n    category: 博客\n    site: Local\n    channel: 全部\n`,
      FILE,
      { env: { RSSHUB_KEY: 's3cret' } },
    );
    expect(c.rsshub).toEqual({ instance: 'https://rsshub.example.org', key: 's3cret', keyMode: 'code', instances: [{ url: 'https://rsshub.example.org', key: 's3cret', keyMode: 'code' }] });
    expect(c.fetch).toMatchObject({ concurrency: 4, perHost: 1, timeoutMs: 90_000, retries: 0, maxBodyBytes: 512 * 1024, items: 15 });
    expect(c.sources).toEqual([
      { route: '/aljazeera/news', category: '新媒体', site: 'Aljazeera 半岛网', channel: '新闻', line: 6 },
      { file: '/srv/site/local/feed.xml', category: '博客', site: 'Local', channel: '全部', line: 10 },
    ]);
  });

  it('reads several instances, each with its own key and key mode, the first standing for `instance`', () => {
    const c = parseConfig('rsshub:\n  instances:\n    - https://mine.example.org/\n    - url: https://rsshub.example.net\n      key: ${K}\n      keyMode: key\n', FILE, { env: { K: 'k2' } });
    expect(c.rsshub).toEqual({
      instance: 'https://mine.example.org', key: undefined, keyMode: 'code',
      instances: [{ url: 'https://mine.example.org', key: undefined, keyMode: 'code' }, { url: 'https://rsshub.example.net', key: 'k2', keyMode: 'key' }],
    });
  });

  it.each([
    { name: 'instance and instances', yaml: 'rsshub:\n  instance: https://a.example\n  instances: [https://b.example]\n', message: 'give instance or instances, not both' },
    { name: 'one key for several instances', yaml: 'rsshub:\n  key: k\n  instances: [https://a.example, https://b.example]\n', message: 'with instances, give each its own key' },
    { name: 'an empty list', yaml: 'rsshub:\n  instances: []\n', message: 'list at least one instance' },
    { name: 'an instance that is not http', yaml: 'rsshub:\n  instances:\n    - url: ftp://x\n', message: 'must be an http(s) URL' },
  ])('refuses $name', ({ yaml, message }) => {
    expect(errorOf(yaml).message).toContain(message);
  });

  it('treats an unset optional key as absent', () => {
    expect(parseConfig('rsshub:\n  key: ${RSSHUB_KEY}\n', FILE, { env: {} }).rsshub.key).toBeUndefined();
  });

  it.each([
    { name: 'an unknown key, at its line', yaml: 'fetch:\n  concurency: 4\n', message: `${FILE}:2: fetch.concurency: unknown key concurency`, line: 2 },
    { name: 'a bad duration', yaml: 'fetch:\n  timeout: soon\n', message: `${FILE}:2: fetch.timeout: expected a duration such as 20s or 500ms, got "soon"`, line: 2 },
    { name: 'a source with two kinds', yaml: 'sources:\n  - route: /a\n    url: https://e.com/\n    category: c\n', message: `${FILE}:2: sources[0]: give exactly one of route, url or file`, line: 2 },
    { name: 'a route without a slash', yaml: 'sources:\n  - route: aljazeera/news\n', message: `${FILE}:2: sources[0].route: an RSSHub route starts with /`, line: 2 },
    { name: 'a non-http instance', yaml: 'rsshub:\n  instance: ftp://x\n', message: `${FILE}:2: rsshub.instance: must be an http(s) URL`, line: 2 },
    { name: 'a YAML syntax error', yaml: 'fetch:\n  timeout: [1, 2\nsources: []\n', message: `${FILE}:3: YAML syntax error`, line: 3 },
    { name: 'a wrong type', yaml: 'hexo:\n  keepTitle: "yes"\n', message: `${FILE}:2: hexo.keepTitle:`, line: 2 },
  ])('names the file, line and key for $name', ({ yaml, message, line }) => {
    const e = errorOf(yaml);
    expect(e.message).toContain(message);
    expect(e.where.line).toBe(line);
  });

  it('mentions unset environment variables when validation fails', () => {
    expect(errorOf('rsshub:\n  instance: ${BASE_URL}\n').message).toContain('unset environment variables: BASE_URL');
  });

  it('reads names that YAML takes for numbers as names (issue: site: 500)', () => {
    const c = parseConfig('sources:\n  - route: /a\n    category: 2024\n    site: 500\n    channel: 404\n', '/x/b.yml', { env: {} });
    expect(c.sources[0]).toMatchObject({ category: '2024', site: '500', channel: '404' });
  });
});
