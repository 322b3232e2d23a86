/**
 * What one item may carry (issue 25: a 3.2-million-character title took minutes and gigabytes to store,
 * and every later build died indexing it). Past these, the field is cut and the run report says so.
 */
export const LIMITS = {
  titleChars: 500,
  authorChars: 200,
  categoryChars: 100,
  categories: 30,
  /** The body as the feed gave it, before sanitizing; cut on a character boundary (the sanitizer closes what is left open). */
  bodyChars: 1_000_000,
} as const;

/** The fields of an item that were cut to the limits, as the report names them. */
export type CutField = 'title' | 'author' | 'categories' | 'body';
