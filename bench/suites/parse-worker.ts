/**
 * One parser in its own process, so the peak RSS it reports is its own: warm-up, then the corpus
 * `rounds` times; prints one JSON line. Started by suites/parse.ts.
 */
import { readFileSync } from 'node:fs';
import { PARSERS, PARSE_ONLY } from '../lib/parsers.js';

const [name, corpusFile, roundsArg] = process.argv.slice(2);
const parse = name === 'broadsheet (parse only)' ? PARSE_ONLY : PARSERS[name!]!;
const docs = JSON.parse(readFileSync(corpusFile!, 'utf8')) as string[];
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
for (const d of docs.slice(0, 50)) await parse(d).catch(() => []);
const rounds = Number(roundsArg);
let items = 0;
let failures = 0;
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const d of docs) {
    try {
      items += (await parse(d)).length;
    } catch {
      failures++;
    }
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ name, seconds, mb: (bytes * rounds) / 2 ** 20, items, failures, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
