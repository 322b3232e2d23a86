import { join, posix } from 'node:path';
import { BroadsheetError } from '../shared/index.js';
import { fileStem, MAX_NAME_BYTES, safeSegment } from './file-name.js';
import { renderPost } from './post.js';
import { postTitle } from './title.js';
import type { HexoOptions, PostFile, PostInput } from './types.js';

const EXT = '.md';
const SUFFIX_BYTES = 8; // ` ~` + 6 hex of the item id, for the second of two items with one name

/** Names that case-insensitive, normalizing file systems (macOS, Windows) treat as one. */
const foldKey = (dir: string, stem: string): string => `${dir}/${stem}`.normalize('NFC').toLowerCase();

/**
 * Plan the files for a set of items, without touching the disk: one file per item, names unique
 * within their folder even on case-insensitive file systems, each ≤ 255 bytes. The older item
 * keeps the plain name; a later one with the same name gets a suffix from its id.
 */
export function planPosts(posts: readonly PostInput[], o: HexoOptions): PostFile[] {
  const ordered = [...posts].sort(
    (a, b) => (a.item.publishedAt ?? a.item.firstSeenAt).localeCompare(b.item.publishedAt ?? b.item.firstSeenAt) || a.item.id.localeCompare(b.item.id),
  );
  const taken = new Set<string>();
  const seenIds = new Set<string>();
  const files: PostFile[] = [];
  for (const { item, names } of ordered) {
    if (seenIds.has(item.id)) continue;
    seenIds.add(item.id);
    const dir = posix.join(safeSegment(names.category, '_'), safeSegment(names.site, '_'), safeSegment(names.channel, '_'));
    let stem = fileStem(postTitle(item.title, false), item.id.slice(0, 12), MAX_NAME_BYTES - EXT.length - SUFFIX_BYTES);
    if (taken.has(foldKey(dir, stem))) stem = `${stem} ~${item.id.slice(0, 6)}`;
    for (let n = 2; taken.has(foldKey(dir, stem)); n++) stem = `${stem.replace(/ ~\w+$/, '')} ~${item.id.slice(0, 6)}${n}`;
    taken.add(foldKey(dir, stem));
    files.push({ itemId: item.id, relPath: posix.join(dir, stem + EXT), content: renderPost(item, names, o) });
  }
  return files;
}

/** The absolute path of a planned file, refusing anything that would land outside the posts dir. */
export function targetPath(root: string, relPath: string): string {
  const target = join(root, ...relPath.split('/'));
  if (!target.startsWith(join(root, '/')) || relPath.split('/').some((s) => s === '..' || s === '.' || s === '')) {
    throw new BroadsheetError('hexo.write', `refusing to write ${relPath} outside ${root}`, { file: target });
  }
  return target;
}
