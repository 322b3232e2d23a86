import { join } from 'node:path';
import type { PictureContext, PictureFetcher } from '../fetch/index.js';
import type { Store } from '../store/index.js';
import { mapLimit, thumbnailName, writeFileAtomic } from '../shared/index.js';
import { readIndex, removeThumbnail, writeIndex } from './folder.js';
import { thumbnail } from './resize.js';
import type { ThumbnailEntry, ThumbnailReport } from './types.js';

/** New thumbnails one run makes at most: a first run over a large store leaves the rest, oldest last, to the next runs. */
const PER_RUN = 600;
/** The newest items looked at: a run's cost does not grow with the store. */
const NEWEST = 20_000;
/** A picture that could not be had is asked for again after a day. */
const RETRY_MS = 86_400_000;
/** What a thumbnail not made yet is counted at against the budget. */
const ESTIMATE_BYTES = 12_000;
const PAGE = 500;

export interface CollectOptions {
  /** The thumbnail folder. */
  dir: string;
  budget: number;
  now: Date;
  /** Pictures fetched at once (the fetcher's own limits still hold per host). */
  concurrency: number;
}

const pictureUrl = (u: string | null): string | null => {
  if (!u) return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

/**
 * Brings the thumbnail folder up to date with the store: the cards' pictures of the newest items, until
 * the budget is spent, each fetched once with its item's page as Referer and made small; what fell out
 * of the budget or out of the store is removed.
 */
export async function collectThumbnails(store: Store, pictures: PictureFetcher, o: CollectOptions): Promise<ThumbnailReport> {
  const index = await readIndex(o.dir);
  const wanted = new Set<string>();
  const todo: Array<{ url: string; from: PictureContext }> = [];
  const feeds = new Map((await store.sources.all()).map((h) => [h.sourceId, h.url]));
  let planned = 0;
  let left = 0;
  let seen = 0;
  walk: for (let page = await store.items.query({ fields: 'summary', limit: PAGE }); ; page = await store.items.query({ fields: 'summary', limit: PAGE, after: page.next })) {
    for (const item of page.items) {
      const url = pictureUrl(item.image);
      if (++seen > NEWEST) break walk;
      if (!url || wanted.has(url)) continue;
      const known = index.get(url);
      const size = known && 'bytes' in known ? known.bytes : ESTIMATE_BYTES;
      if (planned + size > o.budget) break walk;
      planned += size;
      wanted.add(url);
      if (known && 'bytes' in known) continue;
      if (known && o.now.getTime() - Date.parse(known.at) < RETRY_MS) continue;
      if (todo.length < PER_RUN) todo.push({ url, from: { referer: pictureUrl(item.link), feedUrl: feeds.get(item.sourceId) ?? 'about:blank' } });
      else left++;
    }
    if (!page.next) break;
  }
  let made = 0;
  let failed = 0;
  const at = o.now.toISOString();
  await mapLimit(todo, o.concurrency, async ({ url, from }) => {
    const answer = await pictures(url, from);
    let entry: ThumbnailEntry;
    if (answer.kind === 'ok') {
      try {
        const small = await thumbnail(answer.body);
        await writeFileAtomic(join(o.dir, thumbnailName(url)), small);
        entry = { bytes: small.byteLength, at };
        made++;
      } catch {
        // An HTML page or a placeholder that is no picture, a truncated file, a bomb: no thumbnail.
        entry = { failed: 'picture.unreadable', at };
        failed++;
      }
    } else {
      entry = { failed: answer.error.code, at };
      failed++;
    }
    index.set(url, entry);
  });
  for (const [url, entry] of index) {
    if (wanted.has(url)) continue;
    if ('bytes' in entry) await removeThumbnail(o.dir, thumbnailName(url));
    index.delete(url);
  }
  await writeIndex(o.dir, index);
  const kept = [...index.values()].filter((e): e is Extract<ThumbnailEntry, { bytes: number }> => 'bytes' in e);
  return { made, failed, left, kept: kept.length, bytes: kept.reduce((n, e) => n + e.bytes, 0), budget: o.budget };
}

/** The thumbnails the folder holds, by file name: what the site copies into its `thumbs/`. */
export async function thumbnailFiles(dir: string): Promise<string[]> {
  return [...(await readIndex(dir))].filter(([, e]) => 'bytes' in e).map(([url]) => thumbnailName(url));
}
