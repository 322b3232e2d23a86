import { dirname, join } from 'node:path';
import type { Config } from '../config/index.js';
import type { PictureFetcher } from '../fetch/index.js';
import type { Store } from '../store/index.js';
import { collectThumbnails, thumbnailFiles, type ThumbnailReport } from '../images/index.js';
import type { Thumbnails } from '../site/index.js';

/** The thumbnail folder: beside the store's file (the workflow keeps it in the Actions cache). */
const thumbnailDir = (config: Config): string => join(dirname(config.store.path), 'thumbnails');

/** Under `site.images: copy`, the thumbnail folder brought up to date with the store; null otherwise. */
export async function makeThumbnails(config: Config, store: Store, pictures: PictureFetcher | undefined, now: Date): Promise<ThumbnailReport | null> {
  if (config.site?.images !== 'copy' || !pictures) return null;
  return collectThumbnails(store, pictures, { dir: thumbnailDir(config), budget: config.site.imagesBudget, now, concurrency: config.fetch.concurrency });
}

/** What the site copies into its `thumbs/` under `site.images: copy` (a build fetches nothing: it copies what `run` made). */
export async function siteThumbnails(config: Config): Promise<Thumbnails | undefined> {
  if (config.site?.images !== 'copy') return undefined;
  const dir = thumbnailDir(config);
  return { dir, files: await thumbnailFiles(dir) };
}
