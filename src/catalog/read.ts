import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BroadsheetError } from '../shared/index.js';
import { readLegacyDocs } from './legacy-docs.js';
import { readNamespaces } from './namespaces.js';
import { readV2Docs } from './v2-docs.js';
import type { CatalogEntry } from './types.js';

/** Any catalog document by its content: namespace JSON, 2024+ docs (`<Route namespace=`), or legacy docs. */
export function readCatalogText(text: string, name: string): CatalogEntry[] {
  const t = text.replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(t)) {
    try {
      return readNamespaces(JSON.parse(t));
    } catch (e) {
      throw new BroadsheetError('catalog.read', `${name}: not valid JSON: ${(e as Error).message}`, { file: name }, { cause: e });
    }
  }
  if (/<Route\s+namespace=/.test(t)) return readV2Docs(t);
  if (/<Route\b/i.test(t)) return readLegacyDocs(t, /\.md$/.test(name) ? basename(name, '.md') : undefined);
  throw new BroadsheetError('catalog.read', `${name}: neither RSSHub route docs nor /api/namespace JSON`, { file: name });
}

/**
 * A file, or a folder (subfolders included) of docs pages and catalog JSON, read in path order.
 * README/FAQ pages and files of another shape (the `categories.json` beside `routes.json`) are passed over.
 */
export async function readCatalogPath(path: string): Promise<CatalogEntry[]> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new BroadsheetError('catalog.read', `cannot read ${path}: ${(e as Error).message}`, { file: path }, { cause: e });
  }
  if (!info.isDirectory()) return readCatalogText(await readFile(path, 'utf8'), path);
  const files = (await readdir(path, { recursive: true }))
    .filter((f) => /\.(md|json)$/.test(f) && !/^(readme|faq|api|parameter|usage|index)\./i.test(basename(f)))
    .sort();
  const entries: CatalogEntry[] = [];
  for (const f of files) {
    const text = await readFile(join(path, f), 'utf8');
    if (!isCatalog(text)) continue;
    entries.push(...readCatalogText(text, join(path, f)));
  }
  return entries;
}

/** Route docs or a namespace map; a JSON list (categories) or a page without routes is something else. */
const isCatalog = (text: string): boolean => /^\s*\{/.test(text.replace(/^\uFEFF/, '')) || /<Route\b/i.test(text);
