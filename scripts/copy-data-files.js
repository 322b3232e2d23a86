#!/usr/bin/env node
// The site's templates and assets and the bundled route catalog are files, not TypeScript: copy them beside the compiled code.
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Type declarations of assets serve the type-checker only: the package leaves them out.
for (const dir of ['templates', 'assets']) cpSync(join(root, 'src/site', dir), join(root, 'dist/site', dir), { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
cpSync(join(root, 'src/catalog/snapshot.json.gz'), join(root, 'dist/catalog/snapshot.json.gz'));
