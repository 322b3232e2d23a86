/**
 * Pages (or sitemap files) numbered from the oldest item a list ever held, `per` items each: `retired`
 * items have left its old end (`Retired`) and `total` remain, so page N holds the items ranked
 * (N − 1) × per … N × per − 1 from that oldest, and keeps them while new items come and old ones go.
 */
export interface Numbering {
  /** The lowest page left: it loses items as the oldest go, then goes. */
  lowest: number;
  /** The highest page the items reach (the newest). */
  highest: number;
  /** How many of the items are on page `n`. */
  span(n: number): number;
  /** The page of a place with `newer` items above it. */
  pageOf(newer: number): number;
  /** How many items are newer than those of page `n`. */
  above(n: number): number;
}

export function numbering(total: number, retired: number, per: number): Numbering {
  const end = total + retired;
  return {
    lowest: Math.floor(retired / per) + 1,
    highest: Math.ceil(end / per),
    span: (n) => Math.min(n * per, end) - Math.max((n - 1) * per, retired),
    pageOf: (newer) => Math.floor(Math.max(end - newer - 1, 0) / per) + 1,
    above: (n) => end - Math.min(n * per, end),
  };
}
