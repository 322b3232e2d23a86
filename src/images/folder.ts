import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../shared/index.js';
import type { ThumbnailEntry } from './types.js';

const INDEX = 'index.json';

/**
 * The thumbnail folder (beside the store; the workflow keeps it in the Actions cache): one WebP per
 * picture address, named by `thumbnailName`, and `index.json` saying what is there and what failed when.
 */
export async function readIndex(dir: string): Promise<Map<string, ThumbnailEntry>> {
  try {
    return new Map(Object.entries(JSON.parse(await readFile(join(dir, INDEX), 'utf8')) as Record<string, ThumbnailEntry>));
  } catch {
    // No folder yet, or one a killed run left unreadable: every thumbnail is made again.
    return new Map();
  }
}

export async function writeIndex(dir: string, index: ReadonlyMap<string, ThumbnailEntry>): Promise<void> {
  await writeFileAtomic(join(dir, INDEX), JSON.stringify(Object.fromEntries(index)));
}

export const removeThumbnail = (dir: string, name: string): Promise<void> => rm(join(dir, name), { force: true });
