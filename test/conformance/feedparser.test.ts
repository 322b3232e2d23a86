import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFeed } from '../../src/fetch/index.js';
import { parseFeed } from '../../src/feed/index.js';
import { filesUnder, noteMissingFixtures, sharedFixtures } from '../helpers/fixtures.js';
import { check, parseExpect } from './expect.js';

const root = sharedFixtures();
const corpus = root ? join(root, 'feeds/feedparser') : null;
if (!corpus) noteMissingFixtures();


/** Feedparser's own sanitizer tests judge its sanitizer, not feed reading; geo, itunes, CDF etc. have no counterpart here. */
const NOT_OURS = /\/(sanitize|geo|itunes|lang|cdf|psc|http|feedburner|namespace)\/|\/cdf_/;

interface Outcome { file: string; group: string; failures: string[] }

function runCorpus(dir: string): { outcomes: Outcome[]; untranslatable: number } {
  const outcomes: Outcome[] = [];
  let untranslatable = 0;
  for (const file of filesUnder(dir).filter((f) => f.endsWith('.xml'))) {
    const rel = relative(dir, file);
    if (NOT_OURS.test('/' + rel)) continue;
    const bytes = readFileSync(file);
    const head = bytes.subarray(0, 4000).toString('latin1');
    const expectLine = /Expect:\s*(.+)/.exec(head)?.[1]?.trim();
    const clauses = expectLine ? parseExpect(expectLine) : null;
    if (!clauses) { untranslatable++; continue; }
    const headers = Object.fromEntries([...head.matchAll(/^Header:\s*([\w-]+):\s*(.+)$/gm)].map((m) => [m[1]!.toLowerCase(), m[2]!.trim()]));
    const base = headers['content-location'] ? new URL(headers['content-location'], `http://127.0.0.1:8097/${rel}`).href : `http://127.0.0.1:8097/tests/${rel}`;
    const decoded = decodeFeed(bytes, headers['content-type']);
    const parsed = parseFeed(decoded.text, base);
    if (parsed instanceof Error) {
      outcomes.push({ file: rel, group: rel.split('/')[0]!, failures: [`${parsed.code}: ${parsed.message}`] });
      continue;
    }
    const r = check(clauses, parsed, decoded, bytes);
    if (!r.translatable) { untranslatable++; continue; }
    outcomes.push({ file: rel, group: rel.split('/')[0]!, failures: r.failures });
  }
  return { outcomes, untranslatable };
}

describe.skipIf(!corpus)('feedparser conformance corpus', () => {
  const { outcomes, untranslatable } = corpus ? runCorpus(corpus) : { outcomes: [], untranslatable: 0 };
  const rate = (xs: Outcome[]) => xs.filter((o) => o.failures.length === 0).length / Math.max(1, xs.length);

  it('reports its pass rate per group', () => {
    const groups = [...new Set(outcomes.map((o) => o.group))];
    for (const g of groups) {
      const xs = outcomes.filter((o) => o.group === g);
      console.log(`feedparser ${g}: ${xs.filter((o) => o.failures.length === 0).length}/${xs.length} (${(rate(xs) * 100).toFixed(1)} %)`);
    }
    console.log(`feedparser total: ${(rate(outcomes) * 100).toFixed(1)} % of ${outcomes.length} translatable (${untranslatable} not translatable)`);
    if (process.env.CONFORMANCE_VERBOSE) for (const o of outcomes.filter((x) => x.failures.length)) console.log(o.file, o.failures.join('; '));
    expect(outcomes.length).toBeGreaterThan(200);
  });

  it('passes at least 95 % of the translatable well-formed cases', () => {
    expect(rate(outcomes.filter((o) => o.group === 'wellformed'))).toBeGreaterThanOrEqual(0.95);
  });

  it('decodes every encoding case right', () => {
    expect(outcomes.filter((o) => o.group === 'encoding' && o.failures.length).map((o) => `${o.file}: ${o.failures.join('; ')}`)).toEqual([]);
  });
});
