#!/usr/bin/env node
// The command line as one file (`dist/cli.js`): Node reads, resolves and compiles ~520 modules one by
// one at every start (about 0.3 s of each command); one file of the same code is read and compiled in
// one go. The compiled modules stay beside it: the worker threads start from them. Packages with
// native parts, and those imported only when a feature needs them, stay outside.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist/cli.js');

// Each module's `import.meta.url` is its own file's address: the templates, the catalog and the worker
// scripts are found beside it. In the bundle it is said relative to the bundle, so the package may move.
const ownUrls = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(dirname(outfile), args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

await build({
  entryPoints: [join(root, 'dist/cli/index.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'sharp', 'pg', 'undici', 'linkedom', '@mozilla/readability'],
  // Packages written as CommonJS ask for `require`, which an ES module does not have.
  banner: { js: "import { createRequire as __broadsheetRequire } from 'node:module';\nconst require = __broadsheetRequire(import.meta.url);" },
  plugins: [ownUrls],
  logLevel: 'warning',
  legalComments: 'none',
});
