import type { StoredItem } from './items.js';
import type { Store } from '../types.js';

/** One file an output wrote for an item: nothing outside its manifest is ever touched. */
export interface OutputFile {
  itemId: string;
  relPath: string;
  contentHash: string;
}

/** The manifest and state of one output (`hexo`, `site`), kept in the store beside the items. */
export interface OutputPart {
  /** The manifest, or the part of it whose paths start with `prefix`. */
  list(prefix?: string): Promise<OutputFile[]>;
  get(itemIds: readonly string[]): Promise<Map<string, OutputFile>>;
  /** The files recorded in one folder (relPath `dir/…`, not deeper). */
  inFolder(dir: string): Promise<OutputFile[]>;
  save(files: readonly OutputFile[]): Promise<void>;
  /** Drop manifest entries (and their notes). */
  forget(itemIds: readonly string[]): Promise<void>;
  /**
   * What the output must look at: items changed after its last sync (`synced()`), no rule hiding them;
   * in `seq` order, after `afterSeq`, at most `limit`. Its cost follows the changes: an output keeps
   * its own list of what it could not write.
   */
  pending(afterSeq: number, limit: number): Promise<StoredItem[]>;
  /**
   * Manifest entries whose item the store no longer holds (pruned) or a rule hides; only paths under
   * `prefix` when given; with `since`, only of items removed or hidden after that change number (what
   * an output that was complete up to it has to take away, found without reading its whole manifest).
   */
  orphans(prefix?: string, since?: number): Promise<OutputFile[]>;
  /** The item `seq` up to which the output is known to be complete. */
  synced(): Promise<number>;
  markSynced(seq: number): Promise<void>;
  /** Text the output keeps per item (the site: where an article's page sits among its neighbours). */
  notes(itemIds: readonly string[]): Promise<Map<string, string>>;
  setNotes(notes: ReadonlyMap<string, string>): Promise<void>;
  /** The output's own state by name (the site: its settings' fingerprint, its search index), apart from items. */
  values(names: readonly string[]): Promise<Map<string, string>>;
  setValues(values: ReadonlyMap<string, string>): Promise<void>;
  /** Forgets values by name (the search's note of a tier it replaced). */
  forgetValues(names: readonly string[]): Promise<void>;
  /**
   * A name for each key within `scope`, given once and remembered: the first candidate no other key
   * of the scope holds (compared case- and Unicode-form-insensitively). Keys known keep their name.
   */
  slugs(scope: string, wanted: ReadonlyMap<string, readonly string[]>): Promise<Map<string, string>>;
}

/** What an output did in one pass, the same shape for every output. */
export interface OutputCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Files left alone because a symbolic link stood on their way: one line each, said in the report. */
  refused: string[];
  /** Why the output checked its whole folder (it was missing, emptied or another store's), one line. */
  notice?: string;
}

/**
 * An output (the Hexo posts, the site): it reads only through the Store, keeps its manifest and
 * state under its own name (`store.outputs(name)`), and brings its folder up to date in one pass.
 * `publish` walks the configured ones.
 */
export interface Output {
  readonly name: string;
  publish(store: Store): Promise<OutputCounts>;
}
