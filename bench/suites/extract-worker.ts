/**
 * One article extractor in its own process, so the peak RSS it reports is its own: warm-up, then the
 * pages `rounds` times; prints one JSON line. Started by suites/extract.ts.
 */
import { readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../src/content/index.js';

const [name, pagesFile, roundsArg] = process.argv.slice(2);
const pages = JSON.parse(readFileSync(pagesFile!, 'utf8')) as Array<{ url: string; html: string }>;
const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);
// jsdom reports the pages' CSS it cannot parse on the console: not what is measured.
const quiet = new VirtualConsole();

const EXTRACTORS: Record<string, (html: string, url: string) => boolean | Promise<boolean>> = {
  // The run's own path: Readability over linkedom, lazy pictures, then the sanitizer.
  'broadsheet (Readability on linkedom + sanitize)': async (html, url) => (await extractArticle(html, url, true)).ok,
  'Readability on jsdom': (html, url) => new Readability(new JSDOM(html, { url, virtualConsole: quiet }).window.document).parse() !== null,
};
const extract = EXTRACTORS[name!]!;
for (const p of pages.slice(0, 10)) await extract(p.html, p.url);
const rounds = Number(roundsArg);
let found = 0;
let failures = 0;
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const p of pages) {
    try {
      if (await extract(p.html, p.url)) found++;
    } catch {
      failures++;
    }
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ name, seconds, pages: pages.length * rounds, mb: (bytes * rounds) / 2 ** 20, found, failures, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
