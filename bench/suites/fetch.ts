/**
 * Suite 2, fetch: N sources over 4 loopback hosts adding 50–200 ms per response; Broadsheet's fetch
 * stage with concurrency 8 and 2 per host, against the ideal (total latency ÷ allowed concurrency).
 * The servers count requests in flight; more than 2 on one host fails the suite. Second pass: 304s.
 */
import { parseConfig } from '../../src/config/index.js';
import { createFetcher, type HttpCache } from '../../src/fetch/index.js';
import { sourcesFromConfig } from '../../src/sources/index.js';
import { mapLimit } from '../../src/shared/index.js';
import { rsshubLike } from '../lib/loopback.js';
import { fmt, markdown } from '../lib/table.js';
import type { SuiteOptions } from './parse.js';

const HOSTS = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
const CONCURRENCY = 8;
const PER_HOST = 2;
const latency = (n: number): number => 50 + ((n * 37) % 151);

export async function fetchSuite(o: SuiteOptions): Promise<string> {
  const count = o.quick ? 200 : 1000;
  const servers = await Promise.all(HOSTS.map((h) => rsshubLike(h, latency)));
  try {
    const yaml = `fetch: { concurrency: ${CONCURRENCY}, perHost: ${PER_HOST}, retries: 0 }\nsources:\n${Array.from({ length: count }, (_, n) => `  - url: ${servers[n % HOSTS.length]!.url}/r/${n}\n    category: c\n    site: s\n    channel: ch${n}\n`).join('')}`;
    const config = parseConfig(yaml, '/bench/broadsheet.yml', { env: {} });
    const sources = sourcesFromConfig(config);
    const fetcher = createFetcher(config.fetch, config.rsshub);
    const cache = new Map<string, HttpCache>();
    const ideal = Array.from({ length: count }, (_, n) => latency(n)).reduce((a, b) => a + b, 0) / 1000 / Math.min(CONCURRENCY, HOSTS.length * PER_HOST);
    const pass = async (): Promise<{ seconds: number; statuses: Record<string, number> }> => {
      const t0 = process.hrtime.bigint();
      const results = await mapLimit(sources, sources.length, async (s) => {
        const r = await fetcher(s, cache.get(s.id) ?? {});
        if (r.kind === 'ok') cache.set(s.id, { etag: r.etag, lastModified: r.lastModified });
        return r.kind;
      });
      const statuses: Record<string, number> = {};
      for (const k of results) statuses[k] = (statuses[k] ?? 0) + 1;
      return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, statuses };
    };
    const first = await pass();
    const second = await pass();
    const peak = Math.max(...servers.map((s) => s.peakConcurrent()));
    if (peak > PER_HOST) throw new Error(`per-host limit broken: ${peak} requests in flight on one host (limit ${PER_HOST})`);
    const row = (name: string, p: typeof first) => [name, fmt(p.seconds, 2), fmt(ideal, 2), `${fmt(p.seconds / ideal, 2)}×`, Object.entries(p.statuses).map(([k, v]) => `${v} ${k}`).join(', ')];
    return `Fetch: ${count} sources on ${HOSTS.length} loopback hosts, 50–200 ms per response, concurrency ${CONCURRENCY}, ${PER_HOST} per host (peak seen per host: ${peak})\n\n${markdown(['pass', 'seconds', 'ideal', 'vs ideal', 'results'], [row('first (200s)', first), row('second (304s)', second)])}`;
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}
