import { conflict } from './facts.js';
import { jaccard, overlap } from './shingles.js';
import type { Signature } from './types.js';

/** Too little text to tell one story from another (新闻 3, 快讯): never grouped. */
const LEAST_TITLE = 4;
const LEAST_ALL = 8;

/** How alike two reports read, or null when one says too little to judge. */
export function likeness(a: Signature, b: Signature): { all: number; title: number } | null {
  if (a.title.size < LEAST_TITLE || b.title.size < LEAST_TITLE || a.all.size < LEAST_ALL || b.all.size < LEAST_ALL) return null;
  return { all: jaccard(a.all, b.all), title: overlap(a.title, b.title) };
}

/**
 * Whether two reports tell the same story: they read alike (title and lead, or a headline mostly inside
 * the other's with the leads close) and no fact sets them apart (see `conflict`). Measured on the
 * labelled set in test/fixtures/stories: unrelated reports stay below 0.16 (title and lead), reports of
 * one story rewritten by another outlet reach 0.22 with their headlines overlapping 0.36 and more.
 */
export function sameStory(a: Signature, b: Signature): boolean {
  return readAlike(a, b) && conflict(a, b) === null;
}

/** The first half of `sameStory`: whether they read alike, facts aside. */
export function readAlike(a: Signature, b: Signature): boolean {
  const like = likeness(a, b);
  return like !== null && (like.all >= 0.3 || (like.all >= 0.2 && like.title >= 0.4));
}

/** The keys an item is found by: its headline's shingles (another report of its story shares at least `KEYS_SHARED`). */
export const storyKeys = (s: Signature): string[] => [...s.title].sort();
export const KEYS_SHARED = 2;
