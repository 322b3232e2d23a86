import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFetcher, decodeFeed } from '../src/fetch/index.js';
import { parseFeed } from '../src/feed/index.js';
import { collectAll } from '../src/pipeline/index.js';
import { parseConfig } from '../src/config/index.js';
import { sourcesFromConfig } from '../src/sources/index.js';
import { silentLogger, ERROR_CODES } from '../src/shared/index.js';
import { filesUnder, noteMissingFixtures, sharedFixtures } from './helpers/fixtures.js';

const fixtures = sharedFixtures();
if (!fixtures) noteMissingFixtures();


describe.skipIf(!fixtures)('real-world and RSSHub feeds', () => {
  const files = fixtures ? [...filesUnder(join(fixtures, 'feeds/real')), ...filesUnder(join(fixtures, 'feeds/rsshub'))] : [];

  it('parse, or fail with a clear per-source error, in one run that completes', async () => {
    const yaml = `sources:\n${files.map((f, i) => `  - file: ${JSON.stringify(f)}\n    id: f${i}\n    category: c\n    site: s\n    channel: ${JSON.stringify(relative(fixtures!, f))}\n`).join('')}`;
    const config = parseConfig(yaml, '/virtual/broadsheet.yml');
    const outcomes = await collectAll(config, sourcesFromConfig(config), { fetcher: createFetcher(config.fetch, config.rsshub), now: () => new Date(), log: silentLogger });
    const lines = outcomes.map((o) => `${o.source.channel}: ${o.status} ${o.items.length}${o.error ? ` ${o.error.code} ${o.error.message}` : ''}`);
    console.log(lines.join('\n'));
    const failed = outcomes.filter((o) => o.status === 'failed');
    for (const o of failed) {
      expect(ERROR_CODES).toContain(o.error!.code);
      expect(o.error!.code).not.toBe('internal');
    }
    const ok = outcomes.filter((o) => o.status === 'ok');
    // Only documents that are not feeds at all may fail (rss-parser's `unrecognized.rss` is one).
    expect(failed.map((o) => o.source.channel)).toEqual(['feeds/real/rbren-rss-parser/unrecognized.rss']);
    expect(ok.reduce((n, o) => n + o.items.length, 0)).toBeGreaterThan(400);
  });

  it('read RSSHub’s Chinese titles, dates and images', () => {
    const file = join(fixtures!, 'feeds/rsshub/2023-04_3dm-news.xml');
    const feed = parseFeed(decodeFeed(readFileSync(file)).text, 'https://rsshub.app/3dm/news');
    if (feed instanceof Error) throw feed;
    expect(feed.format).toBe('rss');
    expect(feed.entries).toHaveLength(20);
    expect(feed.entries[0]!.title).toBe('《英雄联盟》格斗游戏“Project L”将登陆PS系主机');
    expect(feed.entries[0]!.published?.toISOString()).toBe('2023-04-01T07:38:00.000Z');
    expect(feed.entries[0]!.publishedText).toBe('Sat, 01 Apr 2023 07:38:00 GMT');
  });

  it('never throw on mutilated documents (and read the intact ones whole)', () => {
    const samples = files.slice(0, 20).map((f) => readFileSync(f));
    // The same parser that never throws must still read every item of intact RSSHub documents.
    for (const f of files.filter((x) => x.includes('/feeds/rsshub/'))) {
      const text = decodeFeed(readFileSync(f)).text;
      const r = parseFeed(text, 'https://example.com/feed');
      if (r instanceof Error) throw r;
      expect(r.entries.length).toBe((text.match(/<(item|entry)[\s>]/g) ?? []).length);
    }
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), fc.nat(), fc.uint8Array({ maxLength: 64 }), (bytes, cut, at, junk) => {
        const b = Buffer.concat([bytes.subarray(0, cut % (bytes.length + 1)), junk, bytes.subarray(at % (bytes.length + 1))]);
        const r = parseFeed(decodeFeed(b).text, 'https://example.com/feed');
        expect(r instanceof Error ? r.name : r.format).toBeTruthy();
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseFeed on arbitrary input', () => {
  it('reads exactly the items of any well-formed RSS document', () => {
    const word = fc.array(fc.constantFrom(...'新闻经济abcXYZ0189'.split('')), { minLength: 1, maxLength: 20 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (titles) => {
        const doc = `<rss version="2.0"><channel><title>t</title>${titles.map((t, i) => `<item><title>${t}</title><guid>g${i}</guid></item>`).join('')}</channel></rss>`;
        const r = parseFeed(doc, 'https://example.com/');
        if (r instanceof Error) throw r;
        expect(r.entries.map((e) => [e.title, e.guid])).toEqual(titles.map((t, i) => [t, `g${i}`]));
      }),
      { numRuns: 300 },
    );
  });

  it('returns a feed or an error and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `<rss><channel><item><title>${s}</title></item>`), fc.string().map((s) => `{"items":[${s}]}`)), (text) => {
        const r = parseFeed(text, 'https://example.com/');
        expect(r instanceof Error || Array.isArray(r.entries)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
