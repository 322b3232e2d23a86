import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { sourcesFromConfig } from '../sources/index.js';
import { withAccessKey } from './access-key.js';
import { buildRequest } from './request.js';

const config = parseConfig('rsshub:\n  instance: https://rsshub.example.org\n  key: ILoveRSSHub\nsources:\n  - route: /qdaily/column/59\n    category: c\n    site: s\n    channel: ch\n  - url: https://blog.example.com/feed.xml\n    category: c\n    site: s\n    channel: ch\n', '/x/broadsheet.yml', { env: {} });
const [rsshub, feed] = sourcesFromConfig(config);

describe('withAccessKey', () => {
  it('computes code = md5(path + key) as RSSHub’s docs show', () => {
    expect(withAccessKey('https://rsshub.app/qdaily/column/59', 'ILoveRSSHub', 'code')).toBe('https://rsshub.app/qdaily/column/59?code=0f820530128805ffc10351f22b5fd121');
  });
  it('sends the key itself in key mode, keeping other parameters', () => {
    expect(withAccessKey('https://rsshub.app/a?limit=5', 'k', 'key')).toBe('https://rsshub.app/a?limit=5&key=k');
  });
});

describe('buildRequest', () => {
  it('sends If-None-Match and If-Modified-Since when validators are stored', () => {
    const plan = buildRequest(feed!, { etag: '"abc"', lastModified: 'Thu, 20 May 2021 05:06:58 GMT' }, config.fetch, config.rsshub);
    expect(plan.headers['if-none-match']).toBe('"abc"');
    expect(plan.headers['if-modified-since']).toBe('Thu, 20 May 2021 05:06:58 GMT');
    expect(plan.headers['user-agent']).toMatch(/^Broadsheet\/\d/);
    expect(plan).toMatchObject({ url: 'https://blog.example.com/feed.xml', timeoutMs: 20_000, maxBodyBytes: 10 * 2 ** 20, maxRedirects: 5 });
  });
  it('sends no validators on a forced refresh', () => {
    const plan = buildRequest(feed!, { etag: '"abc"' }, config.fetch, config.rsshub, { force: true });
    expect(plan.headers['if-none-match']).toBeUndefined();
  });
  it('signs only RSSHub routes with the access key', () => {
    expect(buildRequest(rsshub!, {}, config.fetch, config.rsshub).url).toBe('https://rsshub.example.org/qdaily/column/59?code=0f820530128805ffc10351f22b5fd121');
    expect(buildRequest(feed!, {}, config.fetch, config.rsshub).url).not.toContain('code=');
  });
});

describe("RSSHub's own parameters (issue 24)", () => {
  const withParams = (params: string) => parseConfig(`rsshub:\n  instance: https://rsshub.example.org\n  key: ILoveRSSHub\nsources:\n  - route: /qdaily/column/59\n    category: c\n    site: s\n    channel: ch\n${params}`, '/x/broadsheet.yml', { env: {} });
  it('are the route\'s query, in name order, the code still over the path alone, the source the same', () => {
    const [plain] = sourcesFromConfig(withParams(''));
    const [tuned] = sourcesFromConfig(withParams('    params:\n      mode: fulltext\n      limit: 10\n      filterout_title: 广告|推广\n'));
    expect(tuned!.id).toBe(plain!.id);
    expect(tuned!.url).toBe('https://rsshub.example.org/qdaily/column/59?filterout_title=%E5%B9%BF%E5%91%8A%7C%E6%8E%A8%E5%B9%BF&limit=10&mode=fulltext');
    expect(buildRequest(tuned!, {}, config.fetch, config.rsshub).url).toBe(`${tuned!.url}&code=0f820530128805ffc10351f22b5fd121`);
  });
  it('are refused with a clear message where they cannot work', () => {
    expect(() => withParams('    params:\n      key: secret\n')).toThrow(/params: the access key goes in rsshub\.key/);
    expect(() => withParams('    params:\n      brief: 50\n')).toThrow(/brief is a number of characters, 100 or more/);
    expect(() => parseConfig('sources:\n  - url: https://e.com/f.xml\n    category: c\n    site: s\n    channel: ch\n    params:\n      limit: 5\n', '/x/b.yml', { env: {} })).toThrow(/params are RSSHub parameters: they go with a route/);
  });
});

describe('several instances (issue 24)', () => {
  const several = parseConfig('rsshub:\n  instances:\n    - https://mine.example.org\n    - url: https://rsshub.example.net\n      key: other\n      keyMode: key\nsources:\n  - route: /qdaily/column/59\n    category: c\n    site: s\n    channel: ch\n', '/x/broadsheet.yml', { env: {} });
  const [route] = sourcesFromConfig(several);
  it('signs a route with the key of the instance it is sent to, and only that one', () => {
    expect(buildRequest(route!, {}, several.fetch, several.rsshub).url).toBe('https://mine.example.org/qdaily/column/59');
    const elsewhere = { ...route!, url: 'https://rsshub.example.net/qdaily/column/59' };
    expect(buildRequest(elsewhere, {}, several.fetch, several.rsshub).url).toBe('https://rsshub.example.net/qdaily/column/59?key=other');
    // A look-alike host is not the instance.
    const lookalike = { ...route!, url: 'https://rsshub.example.net.evil.test/qdaily/column/59' };
    expect(buildRequest(lookalike, {}, several.fetch, several.rsshub).url).toBe(lookalike.url);
  });
});
