import { openSqliteStore, type ItemCursor, type ItemPage, type Store, type StoredItem } from '../../store/index.js';
import { readDoc, sourceDocOf } from './doc-text.js';
import type { TierIndex } from './postings.js';

/** A tier the search's worker reads from the store's file itself: its range of `sortAt`, newest first. */
export interface TierRead {
  file: string;
  from: string | null;
  to: string | null;
}

/** What a result shows of a document, as the worker hands it back (the builder adds its address). */
export interface ShownDoc {
  id: string;
  title: string;
  date: string;
  site: string;
  channel: string;
  text: string;
}

/** Items read from the store at a time. */
const TIER_READ = 500;
/** Documents handed back at a time. */
export const HAND = 100;
/** Batches a worker is ahead of the builder (sent and not yet taken in, either way) before it waits. */
export const AHEAD = 4;

/** A tier's next items with their bodies, newest first: its range of `sortAt` read by keyset. */
export const tierPage = (store: Store, range: { from: string | null; to: string | null }, after: ItemCursor | null): Promise<ItemPage<StoredItem>> =>
  store.items.query({ fields: 'full', limit: TIER_READ, after, ...(range.from ? { since: range.from } : {}), ...(range.to ? { until: range.to } : {}) });

/** What a result shows of an item, its text read. */
export const shownDocOf = (item: StoredItem, text: string): ShownDoc => ({ id: item.id, title: item.title, date: item.sortAt, site: item.names.site, channel: item.names.channel, text });

/** A document's fragment (`d/<n>.json`): what a result shows, with its article's address. */
export const fragmentJson = (href: string, d: ShownDoc): string => JSON.stringify({ url: href, title: d.title, date: d.date, site: d.site, channel: d.channel, text: d.text });

/**
 * A tier's items read on this (the worker's) thread, newest first, each indexed and its shown part
 * handed on a batch at a time: a full build's main thread then reads every body once, for its article
 * page, not a second time for the search.
 */
export async function readTier(r: TierRead, index: TierIndex, hand: (docs: ShownDoc[]) => Promise<void>): Promise<void> {
  const store = openSqliteStore(r.file);
  try {
    let after: ItemCursor | null = null;
    do {
      const page = await tierPage(store, r, after);
      for (let k = 0; k < page.items.length; k += HAND) {
        await hand(page.items.slice(k, k + HAND).map((item) => {
          const d = readDoc(sourceDocOf(item));
          index.add(d.index);
          return shownDocOf(item, d.shown);
        }));
      }
      after = page.next;
    } while (after);
  } finally {
    await store.close();
  }
}
