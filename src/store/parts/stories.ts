import type { ItemSummary } from './items.js';

/** One item's grouping: the story it reports (its own id when it is the first), and its headline's keys. */
export interface StoryDecision {
  id: string;
  storyId: string;
  keys: readonly string[];
  /** Its `sortAt`: keys are looked up within a few days of it. */
  at: string;
}

/** Stories across outlets (issue 23): what grouping reads and writes, and what outputs show of a story. */
export interface StoriesPart {
  /** The `limit` items sharing most (at least `least`) of these headline keys whose `sortAt` lies between `from` and `to`, with how many they share; most first, then by id. */
  candidates(keys: readonly string[], from: string, to: string, least: number, limit: number): Promise<Array<{ id: string; shared: number }>>;
  /** Record decisions, in order; each item told, and each story it joins, gets a new `seq` (their pages change). */
  assign(decisions: readonly StoryDecision[]): Promise<void>;
  /**
   * The reports of these stories that no rule hides (by story id): the first `most` of each, first
   * report first, and how many it has — a story a hundred outlets told costs a page its first few.
   * With `least`, only stories that many reports tell (most stories have one, and a page shows
   * nothing of a story only its own item tells).
   */
  reports(storyIds: readonly string[], most: number, least?: number): Promise<Map<string, StoryReports>>;
  /** Keys of items before this instant: grouping no longer looks that far back. */
  forget(before: string): Promise<number>;
}

/** A story's first reports and how many it has. */
export interface StoryReports {
  first: ItemSummary[];
  total: number;
}
