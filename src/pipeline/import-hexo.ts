import { readdir, readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BroadsheetError } from '../shared/index.js';
import { namesKey, type Source } from '../sources/index.js';
import { itemFromPost, type Item } from '../content/index.js';
import { HEXO_OUTPUT, readPost } from '../hexo/index.js';
import type { Store } from '../store/index.js';

export interface ImportReport {
  files: number;
  imported: number;
  unchanged: number;
  failed: BroadsheetError[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null);

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => resolve(e.parentPath, e.name)).sort();
}

/**
 * `import hexo <dir>`: posts of the original system (`<category>/<site>/<channel>/*.md`, old layouts
 * too) into the store, filed under the configured source with the same names, else an `import:` source.
 * When <dir> is the configured posts folder, each file becomes Broadsheet's own (it is rewritten in
 * place rather than copied beside itself).
 */
export async function importHexo(dir: string, store: Store, o: { sources: readonly Source[]; postsDir: string; now: Date }): Promise<ImportReport> {
  const root = resolve(dir);
  let files: string[];
  try {
    files = await markdownFiles(root);
  } catch (e) {
    throw new BroadsheetError('import.read', `cannot read ${root}: ${(e as Error).message}`, { file: root }, { cause: e });
  }
  const report: ImportReport = { files: files.length, imported: 0, unchanged: 0, failed: [] };
  const bySource = new Map<string, { source: Source; items: Item[]; paths: Map<string, string> }>();
  const frontMatter = new Map<string, string>();
  // The first configured source of each category / site / channel, found in one look-up a post.
  const configuredAs = new Map([...o.sources].reverse().map((s) => [namesKey(s), s]));
  for (const file of files) {
    const read = readPost(await readFile(file, 'utf8'), file);
    if (read instanceof BroadsheetError) {
      report.failed.push(read);
      continue;
    }
    const rel = relative(root, file).split(sep).join('/');
    const cats = Array.isArray(read.data.categories) ? read.data.categories.map(str).filter((c): c is string => c !== null) : [];
    const author = str(read.data.author);
    const [category = 'import', site = author ?? 'import', channel = site] = cats;
    const configured = configuredAs.get(namesKey({ category, site, channel }));
    const source: Source = configured ?? { id: `import:${category}/${site}/${channel}`, url: pathToFileURL(root).href, kind: 'file', category, site, channel, options: { items: 0 } };
    const title = str(read.data.title) ?? rel.split('/').pop()!.replace(/\.md$/, '');
    const item = itemFromPost(
      { sourceId: source.id, key: `hexo:${rel}`, title, dateText: str(read.data.date), author, html: read.html, image: str(read.data.headimg) ?? str(read.data.thumbnail) },
    );
    const group = bySource.get(source.id) ?? { source, items: [] as Item[], paths: new Map<string, string>() };
    group.items.push(item);
    frontMatter.set(item.id, read.frontMatter);
    group.paths.set(item.id, rel);
    bySource.set(source.id, group);
  }
  // Every source the posts are filed under must be known, configured ones that never ran included.
  await store.sources.sync([...bySource.values()].map((g) => g.source));
  const inPlace = resolve(o.postsDir) === root;
  const hexo = store.outputs(HEXO_OUTPUT);
  for (const { items, paths } of bySource.values()) {
    // The verbatim front matter is the post's provenance: Hexo writes it again, the site reads its old abbrlink.
    const r = await store.items.importItems(items[0]!.sourceId, items, o.now, frontMatter);
    report.imported += r.created.length + r.updated.length;
    report.unchanged += r.unchanged.length;
    const kept = [...r.created, ...r.updated];
    // An empty hash: the next pass rewrites the file in Broadsheet's form and records it properly.
    if (inPlace) await hexo.save(kept.map((id) => ({ itemId: id, relPath: paths.get(id)!, contentHash: '' })));
  }
  return report;
}
