import { mapLimit, type Logger } from '../shared/index.js';
import type { Config } from '../config/index.js';
import type { Source } from '../sources/index.js';
import type { Fetcher, HttpCache } from '../fetch/index.js';
import { planPosts, writePlan } from '../hexo/index.js';
import { refreshSource } from './refresh.js';
import { accessSecrets } from './secrets.js';
import type { RunReport, SourceOutcome } from './types.js';

export interface RunDeps {
  fetcher: Fetcher;
  now: () => Date;
  log: Logger;
  cache?: Map<string, HttpCache>;
}

export interface RunOptions {
  /** Write Hexo posts (the `run` command); `fetch` only reads. */
  writePosts: boolean;
  force?: boolean;
  onSourceDone?: (outcome: SourceOutcome, done: number, total: number) => void;
}

/** The whole job: every source refreshed with bounded concurrency and isolated failures, then the posts written. */
export async function run(config: Config, sources: readonly Source[], deps: RunDeps, o: RunOptions): Promise<RunReport> {
  const startedAt = deps.now().toISOString();
  const cache = deps.cache ?? new Map<string, HttpCache>();
  let done = 0;
  const outcomes = await mapLimit(sources, config.fetch.concurrency, async (source) => {
    const log = deps.log.child({ sourceId: source.id });
    const outcome = await refreshSource(source, { fetcher: deps.fetcher, now: deps.now, log, cache, force: o.force, secretsOf: (s) => accessSecrets(s, config.rsshub) });
    if (outcome.error) log.info('source failed', { code: outcome.error.code, message: outcome.error.message });
    o.onSourceDone?.(outcome, ++done, sources.length);
    return outcome;
  });
  const posts = { created: 0, updated: 0, unchanged: 0 };
  if (o.writePosts) {
    const inputs = outcomes.flatMap((oc) => oc.items.map((item) => ({ item, names: oc.source })));
    const plan = planPosts(inputs, config.hexo);
    const written = await writePlan(plan, config.hexo.postsDir);
    for (const oc of outcomes) {
      for (const item of oc.items) {
        const w = written.get(item.id);
        if (w) posts[w]++;
        if (w === 'created') oc.newItems++;
      }
    }
  }
  return { startedAt, finishedAt: deps.now().toISOString(), outcomes, posts };
}
