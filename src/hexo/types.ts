
export interface HexoOptions {
  /** Keep the feed's title untouched instead of the original system's `_` replacements. */
  keepTitle: boolean;
  /** Image for items without one; `{n}` is a number derived from the item id, `{id}` the id. */
  placeholder: string;
  /** Write a stable `abbrlink:` from the store. */
  abbrlink?: boolean;
}

/** One planned file, relative to the posts dir. */
export interface PostFile {
  itemId: string;
  relPath: string;
  content: string;
}
