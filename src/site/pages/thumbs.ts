import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { THUMBS_DIR } from '../../shared/index.js';
import { writeFile, type BuildContext } from '../context.js';

/** The thumbnails `run` made (`site.images: copy`): their folder and file names. */
export interface Thumbnails {
  dir: string;
  files: readonly string[];
}

/**
 * `thumbs/` mirrors the thumbnail folder: a file new there is copied, one gone from it (its item
 * removed, or past the budget) is removed. Their names never change, so the copy is read only when
 * the manifest lacks it, or when the folder is in doubt (`verify`: a fresh runner's empty folder).
 */
export async function syncThumbnails(ctx: BuildContext, thumbs: Thumbnails, verify: boolean): Promise<void> {
  const present = new Set((await ctx.out.list(THUMBS_DIR)).map((f) => f.relPath));
  const wanted = new Set(thumbs.files.map((name) => `${THUMBS_DIR}${name}`));
  for (const rel of wanted) if (verify || !present.has(rel)) await writeFile(ctx, rel, await readFile(join(thumbs.dir, rel.slice(THUMBS_DIR.length))));
  await ctx.writer.flush();
  await ctx.writer.remove((await ctx.out.list(THUMBS_DIR)).filter((f) => !wanted.has(f.relPath)));
}
