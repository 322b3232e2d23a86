/**
 * Suite 1, parse: Broadsheet's parse + normalize against rss-parser, @rowanmanning/feed-parser and
 * feedsmith on the same strings (each in its own process, after warm-up), then correctness on GBK
 * and Big5 bytes and on the shared real-world corpus.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { decodeFeed } from '../../src/fetch/index.js';
import { corpus, rssDoc } from '../lib/corpus.js';
import { PARSERS } from '../lib/parsers.js';
import { fmt, markdown } from '../lib/table.js';
import { withJsonFile } from '../lib/proc.js';
import { filesUnder } from '../../test/helpers/fixtures.js';

export interface SuiteOptions { quick: boolean; big: boolean }

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function speed(docs: string[], rounds: number): string {
  const names = ['broadsheet', 'broadsheet (worker pool)', 'broadsheet (parse only)', ...Object.keys(PARSERS).filter((n) => n !== 'broadsheet')];
  const results = withJsonFile('corpus', docs, (file) => names.map((name) => JSON.parse(execFileSync(TSX, [join(import.meta.dirname, 'parse-worker.ts'), name, file, String(rounds)], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!) as { name: string; seconds: number; mb: number; items: number; failures: number; maxRssMb: number }));
  const rssParser = results.find((r) => r.name === 'rss-parser')!;
  const mbps = (r: (typeof results)[number]) => r.mb / r.seconds;
  const assembled = results.find((r) => r.name === 'rss-parser + sanitize-html')!;
  const rows = results.map((r) => [r.name, fmt(mbps(r)), fmt(r.items / r.seconds, 0), fmt(r.maxRssMb, 0), r.failures, `${fmt(mbps(r) / mbps(rssParser), 2)}×`, `${fmt(mbps(r) / mbps(assembled), 2)}×`]);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  return `Parse speed: ${docs.length} documents (${fmt(bytes / 2 ** 20)} MB, ${rounds} round${rounds > 1 ? 's' : ''})\n\n${markdown(['parser', 'MB/s', 'items/s', 'peak RSS MB', 'failures', 'vs rss-parser', 'vs rss-parser + sanitize-html'], rows)}`;
}


/** Peers get bytes as a UTF-8 string (what they do with a response body); Broadsheet decodes them. */
async function correctness(): Promise<string> {
  // Expected text is what the legacy charset can represent (simplified characters missing from Big5 become `?`).
  const legacyDoc = (doc: string, codec: string) => ({ bytes: iconv.encode(doc, codec), expected: iconv.decode(iconv.encode(doc, codec), codec) });
  const legacy = [
    legacyDoc(rssDoc(1, 5).replace('encoding="UTF-8"', 'encoding="GBK"'), 'gbk'),
    legacyDoc(rssDoc(2, 5).replace(' encoding="UTF-8"', ''), 'big5'),
  ];
  const fixtures = process.env.BROADSHEET_FIXTURES ?? resolve(ROOT, '../shared/fixtures');
  const real = existsSync(fixtures) ? [...filesUnder(join(fixtures, 'feeds/real')), ...filesUnder(join(fixtures, 'feeds/rsshub'))] : [];
  const rows: (string | number)[][] = [];
  for (const [name, titlesOf] of Object.entries(PARSERS)) {
    const input = (b: Uint8Array) => (name === 'broadsheet' ? decodeFeed(b).text : Buffer.from(b).toString('utf8'));
    let legacyOk = 0;
    for (const l of legacy) {
      const want = await PARSERS.broadsheet!(l.expected);
      const got = await titlesOf(input(l.bytes)).catch(() => []);
      if (got.length === want.length && got.every((t, i) => t?.trim() === want[i])) legacyOk++;
    }
    let parsed = 0;
    let items = 0;
    for (const f of real) {
      const got = await titlesOf(input(readFileSync(f))).catch(() => null);
      if (got && got.length > 0) parsed++;
      items += got?.length ?? 0;
    }
    rows.push([name, `${legacyOk}/${legacy.length}`, real.length ? `${parsed}/${real.length}` : 'corpus absent', items]);
  }
  return `Correctness\n\n${markdown(['parser', 'GBK/Big5 titles right', 'real feeds with items', 'items read'], rows)}`;
}

export async function parseSuite(o: SuiteOptions): Promise<string> {
  const docs = corpus(o.quick ? 200 : 2000);
  return `${speed(docs, o.quick ? 1 : 2)}\n\n${await correctness()}`;
}
