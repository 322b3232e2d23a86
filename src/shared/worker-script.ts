import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A worker's young generation, at most (V8's own cap here is 48 MB, three 16 MB semi-spaces): each
 * worker filled it before collecting, yet what it keeps is small. Full site builds, two
 * alternated runs each: 1,500 items 240–255 → 206–216 MB, 20,000 items 353–362 → 296–299 MB peak RSS,
 * user CPU 53.0 / 57.0 → 48.8 / 55.3 s; 4 MB was no smaller than 8.
 */
const YOUNG_MB = 8;

/** The worker module `name` beside the module at `self` (its `import.meta.url`) started, its young generation capped. */
export function startWorker(self: string, name: string, limits: ResourceLimits = {}): Worker {
  const script = workerScript(self, name);
  return new Worker(script, { eval: typeof script === 'string', resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, ...limits } });
}

/**
 * What `new Worker` runs for the worker module `name` beside the module at `self` (its
 * `import.meta.url`). Compiled, the worker is a .js file there; run from source (tests, tsx), it is
 * TypeScript: a two-line script registers tsx's loader in the worker, then imports it.
 */
export function workerScript(self: string, name: string): string | URL {
  if (!self.endsWith('.ts')) return new URL(`./${name}.js`, self);
  const api = pathToFileURL(createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(new URL(`./${name}.ts`, self).href)}); });`;
}
