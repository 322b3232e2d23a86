#!/usr/bin/env node
// The command line as one file (`dist/cli.js`), and each worker thread's module as one file in its own
// place: Node reads, resolves and compiles ~520 modules one by one at every start (about 0.2 s of each
// command, 0.12 s of each parse thread's); one file of the same code is read and compiled in one go.
// The compiled modules stay beside them. Packages with native parts, and those imported only when a
// feature needs them, stay outside.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/**
 * Each module's `import.meta.url` is its own file's address: the templates, the catalog and the worker
 * scripts are found beside it. In a bundle it is said relative to the bundle, so the package may move.
 */
const ownUrls = (outfile) => ({
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(dirname(outfile), args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
});

const bundle = (entry, outfile) =>
  build({
    entryPoints: [entry],
    outfile,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'sharp', 'pg', 'undici', 'linkedom', '@mozilla/readability'],
    // Packages written as CommonJS ask for `require`, which an ES module does not have.
    banner: { js: "import { createRequire as __broadsheetRequire } from 'node:module';\nconst require = __broadsheetRequire(import.meta.url);" },
    plugins: [ownUrls(outfile)],
    logLevel: 'warning',
    legalComments: 'none',
  });

await bundle(join(dist, 'cli/index.js'), join(dist, 'cli.js'));
// A worker module is started by its path (`workerScript`): its bundle takes its place.
for (const worker of ['pipeline/parse-worker.js', 'site/search/index-worker.js', 'shared/output/write-worker.js']) await bundle(join(dist, worker), join(dist, worker));
