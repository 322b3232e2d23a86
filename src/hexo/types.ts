import type { Item } from '../content/index.js';
import type { SourceNames } from '../sources/index.js';

export interface HexoOptions {
  /** Keep the feed's title untouched instead of the original system's `_` replacements. */
  keepTitle: boolean;
  /** Image for items without one; `{n}` is a number derived from the item id, `{id}` the id. */
  placeholder: string;
}

/** An item to publish, with the names it is filed under. */
export interface PostInput {
  item: Item;
  names: SourceNames;
}

/** One planned file, relative to the posts dir. */
export interface PostFile {
  itemId: string;
  relPath: string;
  content: string;
}
