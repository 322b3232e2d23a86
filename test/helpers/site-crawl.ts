import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every `.html` file of a built site, `/`-separated and relative to it. */
export function htmlFilesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}
