/**
 * One parser in its own process, so the peak RSS it reports is its own: warm-up, then the corpus
 * `rounds` times; prints one JSON line. Started by suites/parse.ts.
 */
import { readFileSync } from 'node:fs';
import { PARSERS, PARSE_ONLY } from '../lib/parsers.js';
import { ParsePool } from '../../src/pipeline/parse-pool.js';

const [name, corpusFile, roundsArg] = process.argv.slice(2);
const docs = JSON.parse(readFileSync(corpusFile!, 'utf8')) as string[];
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);

// The run's own path: every document handed to the pool of worker threads at once, as sources finish fetching.
if (name === 'broadsheet (worker pool)') {
  const pool = new ParsePool({ deadlineMs: 600_000, memoryMb: 2048 });
  const read = async () => {
    const results = await Promise.all(docs.map((text, i) => pool.run({ text, baseUrl: `https://bench.test/${i}`, sourceId: `/bench/${i}`, maxItems: 1000, known: null, secrets: [] })));
    return results.reduce((n, r) => n + (r.ok ? r.items.length : 0), 0);
  };
  await read();
  const rounds = Number(roundsArg);
  let items = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) items += await read();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await pool.close();
  console.log(JSON.stringify({ name, seconds, mb: (bytes * rounds) / 2 ** 20, items, failures: 0, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
const parse = name === 'broadsheet (parse only)' ? PARSE_ONLY : PARSERS[name!]!;
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
