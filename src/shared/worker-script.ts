import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * What `new Worker` runs for the worker module `name` beside the module at `self` (its
 * `import.meta.url`). Compiled, the worker is a .js file there; run from source (tests, tsx), it is
 * TypeScript: a two-line script registers tsx's loader in the worker, then imports it. Pass the
 * result with `{ eval: typeof script === 'string' }`.
 */
export function workerScript(self: string, name: string): string | URL {
  if (!self.endsWith('.ts')) return new URL(`./${name}.js`, self);
  const api = pathToFileURL(createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(new URL(`./${name}.ts`, self).href)}); });`;
}
