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
