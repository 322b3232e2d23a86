import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { filesUnder, noteMissingFixtures, sharedFixtures } from '../helpers/fixtures.js';
import { captureIo, tempDir, writeConfig } from '../helpers/workspace.js';

const fixtures = sharedFixtures();
if (!fixtures) noteMissingFixtures();
const VALIDATOR = fixtures ? resolve(fixtures, '../tools/feedvalidator') : null;
/** The W3C validator's Python dependencies (Debian: python3-lxml python3-html5lib python3-rdflib). */
const python = spawnSync('/usr/bin/python3', ['-c', 'import lxml, html5lib, rdflib'], { encoding: 'utf8' }).status === 0;
if (!python) {
  if (process.env.CI) throw new Error('CI is set but the feed validator cannot run: apt-get install -y python3-lxml python3-html5lib python3-rdflib');
  console.log('python3 with lxml, html5lib and rdflib not found: the feed validator test does not run');
}

/** The Nu Html Checker (npm's vnu-jar) needs Java (Debian: default-jre-headless). */
const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
if (!java) {
  if (process.env.CI) throw new Error('CI is set but the Nu Html Checker cannot run: apt-get install -y default-jre-headless');
  console.log('java not found: the Nu Html Checker test does not run');
}

/** The W3C Feed Validation Service's own code over each file: its errors (warnings are advice), by kind. */
function validate(files: readonly string[]): Record<string, Record<string, number>> {
  const script = `
import sys, json, collections
sys.path.insert(0, ${JSON.stringify(VALIDATOR)})
import feedvalidator
from feedvalidator.logging import Error
out = {}
for path in sys.argv[1:]:
    events = feedvalidator.validateString(open(path, 'rb').read(), firstOccurrenceOnly=0, base='https://news.example.org/atom.xml')['loggedEvents']
    out[path] = dict(collections.Counter(type(e).__name__ for e in events if isinstance(e, Error)))
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, Record<string, number>>;
}

/** JSON Feed 1.1 (jsonfeed.org/version/1.1), the parts a reader relies on: what is required, and each value's form. */
function jsonFeedProblems(text: string): string[] {
  const problems: string[] = [];
  const feed = JSON.parse(text) as Record<string, unknown>;
  const url = (v: unknown) => typeof v === 'string' && /^https?:\/\//.test(v) && URL.canParse(v);
  const date = (v: unknown) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v);
  if (feed.version !== 'https://jsonfeed.org/version/1.1') problems.push('version');
  if (typeof feed.title !== 'string' || !feed.title) problems.push('title');
  for (const key of ['home_page_url', 'feed_url'] as const) if (feed[key] !== undefined && !url(feed[key])) problems.push(key);
  if ('author' in feed) problems.push('author is 1.0 (authors in 1.1)');
  if (!Array.isArray(feed.items)) return [...problems, 'items'];
  for (const [k, item] of (feed.items as Array<Record<string, unknown>>).entries()) {
    const at = `items[${k}]`;
    if (typeof item.id !== 'string' || !item.id) problems.push(`${at}.id`);
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string') problems.push(`${at}.content`);
    for (const key of ['url', 'external_url', 'image']) if (item[key] !== undefined && !url(item[key])) problems.push(`${at}.${key}`);
    for (const key of ['date_published', 'date_modified']) if (item[key] !== undefined && !date(item[key])) problems.push(`${at}.${key}`);
    if ('author' in item) problems.push(`${at}.author is 1.0`);
    if (item.authors !== undefined && !(Array.isArray(item.authors) && item.authors.every((a) => typeof a === 'object' && a && typeof (a as { name?: unknown }).name === 'string'))) problems.push(`${at}.authors`);
    if (item.tags !== undefined && !(Array.isArray(item.tags) && item.tags.every((t) => typeof t === 'string'))) problems.push(`${at}.tags`);
  }
  return problems;
}

/** Issue 27: the W3C validator found 648 errors in 10 output feeds of a site built from real-world feeds. */
describe.skipIf(!fixtures || !python)('the output feeds of a site built from real-world feeds', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let feeds: string[] = [];
  beforeAll(async () => {
    ws = await tempDir('broadsheet-validators-');
    const files = [...filesUnder(join(fixtures!, 'feeds/rsshub')), ...filesUnder(join(fixtures!, 'feeds/real'))].filter((f) => /\.(xml|rss|atom|rdf|json)$/.test(f)).sort();
    const categories = ['新闻', '科技', '视频', '博客'];
    const sources = files.map((f, i) => `  - file: ${JSON.stringify(f)}\n    category: ${categories[i % 4]}\n    site: 站${i}\n    channel: 全部\n`).join('');
    const config = await writeConfig(ws.dir, `sources:\n${sources}hexo:\n  posts: posts\nstore:\n  path: state.db\nsite:\n  out: public\n  url: https://news.example.org/\n`);
    expect(await main(['run', '-q', '-c', config], captureIo(ws.dir))).toBe(0);
    const pub = join(ws.dir, 'public');
    feeds = ['', ...readdirSync(join(pub, 'categories')).filter((d) => statSync(join(pub, 'categories', d)).isDirectory()).map((d) => `categories/${d}/`)].map((d) => join(pub, d));
  }, 180_000);
  afterAll(() => ws?.cleanup());

  it('has no error in any Atom or RSS feed, site-wide or per category', () => {
    expect(feeds.length).toBe(5);
    const errors = validate(feeds.flatMap((d) => [join(d, 'atom.xml'), join(d, 'rss.xml')]));
    expect(Object.values(errors).filter((e) => Object.keys(e).length > 0)).toEqual([]);
    expect(Object.keys(errors)).toHaveLength(10);
  });

  it.skipIf(!java)('has no error on any page for the Nu Html Checker (issue 27: it found 487 in 481 pages)', async () => {
    const { default: jar } = await import('vnu-jar');
    const r = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', '--skip-non-html', join(ws.dir, 'public')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const messages = (JSON.parse(r.stderr) as { messages: Array<{ type: string; url: string; message: string }> }).messages.filter((m) => m.type === 'error');
    expect(messages.map((m) => `${m.url.slice(m.url.indexOf('/public/'))}: ${m.message}`)).toEqual([]);
    expect(readdirSync(join(ws.dir, 'public/p')).length).toBeGreaterThan(500);
  }, 120_000);

  it('writes JSON Feed 1.1 as its spec says', () => {
    for (const d of feeds) expect({ feed: d, problems: jsonFeedProblems(readFileSync(join(d, 'feed.json'), 'utf8')) }).toEqual({ feed: d, problems: [] });
  });
});
