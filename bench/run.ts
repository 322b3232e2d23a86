/**
 * `npm run bench [-- <suite>...] [--quick] [--big]`: runs the suites and prints markdown tables.
 * Peers run in the same run on the same data; ratios are what to read (the machines are shared).
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { parseSuite, type SuiteOptions } from './suites/parse.js';
import { fetchSuite } from './suites/fetch.js';
import { hexoOutputSuite } from './suites/hexo-output.js';
import { siteBuildSuite } from './suites/site-build.js';
import { e2eSuite } from './suites/e2e.js';
import { siteSuite } from './suites/site.js';
import { searchSuite } from './suites/search.js';
import { scaleSuite } from './suites/scale.js';
import { scaleOutSuite } from './suites/scale-out.js';
import { hostileSuite } from './suites/hostile.js';
import { lighthouseSuite } from './suites/lighthouse.js';
import { imagesSuite } from './suites/images.js';
import { extractSuite } from './suites/extract.js';
import { storiesSuite } from './suites/stories.js';

const SUITES: Record<string, (o: SuiteOptions) => Promise<string>> = { parse: parseSuite, fetch: fetchSuite, 'hexo-output': hexoOutputSuite, 'site-build': siteBuildSuite, site: siteSuite, search: searchSuite, e2e: e2eSuite, scale: scaleSuite, 'scale-out': scaleOutSuite, hostile: hostileSuite, lighthouse: lighthouseSuite, images: imagesSuite, extract: extractSuite, stories: storiesSuite };

const { values, positionals } = parseArgs({ options: { quick: { type: 'boolean' }, big: { type: 'boolean' } }, allowPositionals: true });
const chosen = positionals.length ? positionals : Object.keys(SUITES);
const unknown = chosen.filter((s) => !SUITES[s]);
if (unknown.length) {
  console.error(`unknown suite ${unknown.join(', ')}; suites: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}
console.log(`# Broadsheet bench — ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}${values.quick ? ', quick sizes' : ''}\n`);
for (const name of chosen) {
  const t0 = Date.now();
  console.log(`## ${name}\n\n${await SUITES[name]!({ quick: values.quick === true, big: values.big === true })}\n\n(${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}
