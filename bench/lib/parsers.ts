/** Broadsheet and its peers behind one shape: text in, item titles out. */
import Parser from 'rss-parser';
import { parseFeed as rowanmanning } from '@rowanmanning/feed-parser';
import { parseFeed as feedsmith } from 'feedsmith';
import { parseFeed } from '../../src/feed/index.js';
import { normalizeEntry } from '../../src/content/index.js';
import { referenceSanitize } from '../../test/helpers/sanitize-html-reference.js';

export type TitlesOf = (text: string) => Promise<Array<string | null>>;

const rssParser = new Parser();
const str = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && 'value' in v ? String((v as { value: unknown }).value) : null);

export const PARSERS: Record<string, TitlesOf> = {
  broadsheet: async (text) => {
    const feed = parseFeed(text, 'https://news.example.com/feed');
    if (feed instanceof Error) throw feed;
    return feed.entries.map((e) => normalizeEntry('bench', e).title);
  },
  'rss-parser': async (text) => (await rssParser.parseString(text)).items.map((i) => i.title ?? null),
  // The pipeline a user would assemble: rss-parser, then sanitize-html (with Broadsheet's policy) on each body.
  'rss-parser + sanitize-html': async (text) =>
    (await rssParser.parseString(text)).items.map((i) => {
      referenceSanitize(String(i['content:encoded'] ?? i.content ?? ''), i.link ?? null);
      return i.title ?? null;
    }),
  '@rowanmanning/feed-parser': async (text) => rowanmanning(text).items.map((i) => i.title),
  feedsmith: async (text) => {
    const r = feedsmith(text) as { feed: { items?: Array<{ title?: unknown }>; entries?: Array<{ title?: unknown }> } };
    return (r.feed.items ?? r.feed.entries ?? []).map((i) => str(i.title));
  },
};

/** Broadsheet's parse alone, to show what normalizing and sanitizing cost. */
export const PARSE_ONLY: TitlesOf = async (text) => {
  const feed = parseFeed(text, 'https://news.example.com/feed');
  if (feed instanceof Error) throw feed;
  return feed.entries.map((e) => e.title);
};
