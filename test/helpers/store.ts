import type { Store, StoredItem } from '../../src/store/index.js';

/** Every stored item, newest first, read page by page as readers do. */
export async function allItems(store: Store): Promise<StoredItem[]> {
  const all: StoredItem[] = [];
  for (let page = await store.items.query({ fields: 'full', limit: 200 }); ; page = await store.items.query({ fields: 'full', limit: 200, after: page.next })) {
    all.push(...page.items);
    if (!page.next) return all;
  }
}
