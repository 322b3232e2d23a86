import { posix } from 'node:path';
import { foldKey, MAX_NAME_BYTES } from '../shared/index.js';
import type { HexoSettings } from '../config/index.js';
import type { StoredItem } from '../store/index.js';
import { fileStem, postSegment } from './file-stem.js';
import { renderPost } from './post.js';
import { postTitle } from './title.js';
import type { PostFile } from './types.js';

const EXT = '.md';
// ` ~` + 6 hex of the item id + up to 2 digits, for the second and later of items with one name.
const SUFFIX_BYTES = 10;

export interface PlanContext {
  /** Where each item's post was written before (the manifest): kept while its name still fits. */
  previous?: ReadonlyMap<string, string>;
  /** Paths (folded) already in use by files not of these items: never planned. */
  taken?: ReadonlySet<string>;
  /** Paths (folded) that are not Broadsheet's: never planned, not even as an item's previous name. */
  foreign?: ReadonlySet<string>;
  abbrlinks?: ReadonlyMap<string, string>;
  /** Front matter of imported posts, re-emitted verbatim. */
  frontMatter?: ReadonlyMap<string, string>;
}

/** The folder of an item's post: its three names, each made safe. */
export const postFolder = (item: Pick<StoredItem, 'names'>): string =>
  posix.join(postSegment(item.names.category), postSegment(item.names.site), postSegment(item.names.channel));

/** A name fits when it is the desired stem, or the stem with this item's own suffix. */
const fits = (relPath: string, dir: string, stem: string, id: string): boolean =>
  relPath === posix.join(dir, stem + EXT) || relPath.startsWith(posix.join(dir, `${stem} ~${id.slice(0, 6)}`));

function* candidateStems(stem: string, id: string): Generator<string> {
  yield stem;
  yield `${stem} ~${id.slice(0, 6)}`;
  for (let n = 2; n <= 51; n++) yield `${stem} ~${id.slice(0, 6)}${n}`;
}

/**
 * Plan the files for the given items, without touching the disk: one file per item, names unique
 * within their folder even on case-insensitive file systems, each ≤ 255 bytes. A post keeps the name
 * it was written under while its title gives the same name; of two items with one name the older
 * keeps the plain name and a later one gets a suffix from its id.
 */
export function planPosts(items: readonly StoredItem[], o: Pick<HexoSettings, 'keepTitle' | 'placeholder'>, ctx: PlanContext = {}): PostFile[] {
  const ordered = [...items].sort((a, b) => a.sortAt.localeCompare(b.sortAt) || a.id.localeCompare(b.id));
  const taken = new Set<string>([...(ctx.taken ?? []), ...(ctx.foreign ?? [])]);
  const wanted = ordered.map((item) => {
    const dir = postFolder(item);
    const stem = fileStem(postTitle(item.title, false), item.id.slice(0, 12), MAX_NAME_BYTES - EXT.length - SUFFIX_BYTES);
    const before = ctx.previous?.get(item.id);
    // An imported post keeps the file it came from; others keep theirs while the title still gives that name.
    const fitting = before !== undefined && (item.origin === 'import' || fits(before, dir, stem, item.id));
    const keep = fitting && !ctx.foreign?.has(foldKey(before!)) ? before : undefined;
    if (keep) taken.add(foldKey(keep));
    return { item, dir, stem, keep };
  });
  const seenIds = new Set<string>();
  const files: PostFile[] = [];
  for (const { item, dir, stem, keep } of wanted) {
    if (seenIds.has(item.id)) continue;
    seenIds.add(item.id);
    let relPath = keep;
    if (relPath === undefined) {
      relPath = posix.join(dir, `${item.id.slice(0, 12)}${EXT}`);
      // The first free name, looked at one by one: nearly always the stem itself.
      for (const c of candidateStems(stem, item.id)) {
        const p = `${dir}/${c}${EXT}`;
        if (!taken.has(foldKey(p))) {
          relPath = p;
          break;
        }
      }
      taken.add(foldKey(relPath));
    }
    files.push({ itemId: item.id, relPath, content: renderPost(item, o, ctx.abbrlinks?.get(item.id), ctx.frontMatter?.get(item.id)) });
  }
  return files;
}
