/**
 * Suite extract (issue 22): the whole article's extraction, Broadsheet's (Readability over linkedom,
 * then its sanitizer) beside Readability on jsdom (what Readability's own docs use), each in its own
 * process on the same pages: the shared corpus's 86 Readability test pages and 23 Chinese portals.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeFeed } from '../../src/fetch/index.js';
import { fmt, markdown } from '../lib/table.js';
import { withJsonFile } from '../lib/proc.js';
import type { SuiteOptions } from './parse.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function pagesOf(fixtures: string): Array<{ url: string; html: string }> {
  const readability = join(fixtures, 'extract/readability');
  const cwce = join(fixtures, 'extract/cwce/original');
  return [
    ...readdirSync(readability).map((name) => ({ url: 'http://fakehost/test/page.html', html: readFileSync(join(readability, name, 'source.html'), 'utf8') })),
    // In their own charsets (GBK, Big5): decoded as a run decodes them.
    ...readdirSync(cwce).map((file) => ({ url: `http://portal.test/${file}`, html: decodeFeed(new Uint8Array(readFileSync(join(cwce, file)))).text })),
  ];
}

export async function extractSuite(o: SuiteOptions): Promise<string> {
  const fixtures = process.env.BROADSHEET_FIXTURES ?? resolve(ROOT, '../shared/fixtures');
  if (!existsSync(join(fixtures, 'extract'))) return `the shared corpus is not at ${fixtures}/extract: nothing measured`;
  // Quick (CI): a third of the pages, once.
  const pages = o.quick ? pagesOf(fixtures).filter((_, i) => i % 3 === 0) : pagesOf(fixtures);
  const rounds = o.quick ? 1 : 5;
  const names = ['broadsheet (Readability on linkedom + sanitize)', 'Readability on jsdom'];
  const results = withJsonFile('pages', pages, (file) => names.map((name) => JSON.parse(execFileSync(TSX, [join(import.meta.dirname, 'extract-worker.ts'), name, file, String(rounds)], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!) as { name: string; seconds: number; pages: number; mb: number; found: number; failures: number; maxRssMb: number }));
  const jsdom = results.find((r) => r.name === 'Readability on jsdom')!;
  const rows = results.map((r) => [r.name, fmt(r.pages / r.seconds, 0), fmt(r.mb / r.seconds, 2), fmt(r.maxRssMb, 0), `${r.found}/${r.pages}`, r.failures, `${fmt(jsdom.seconds / r.seconds, 2)}×`, `${fmt(r.maxRssMb / jsdom.maxRssMb, 2)}×`]);
  const mb = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0) / 2 ** 20;
  return `Article extraction: ${pages.length} pages (${fmt(mb)} MB), ${rounds} round${rounds > 1 ? 's' : ''}, one process each\n\n${markdown(['extractor', 'pages/s', 'MB/s', 'peak RSS MB', 'article found', 'failures', 'speed vs jsdom', 'memory vs jsdom'], rows)}`;
}
