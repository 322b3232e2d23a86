/** What story grouping reads of an item: its words, and where it came from. */
export interface StoryText {
  title: string;
  /** The lead: the item's excerpt (plain text). */
  lead: string;
}

/** An item's text made ready to compare: folded, cleaned, cut into shingles, its facts found. */
export interface Signature {
  /** Title shingles: CJK character bigrams and Latin/number tokens. */
  title: ReadonlySet<string>;
  /** Title and lead shingles together. */
  all: ReadonlySet<string>;
  facts: Facts;
  /** The title as compared, for its negations and opposite words. */
  titleText: string;
  /** Title and lead as compared, synonyms folded. */
  allText: string;
  /** The title as compared word by word: without a speaker's label, synonyms folded. */
  swapText: string;
}

/** Facts that make two near-identical reports two stories: their amounts, places and numbered names. */
export interface Facts {
  /** Quantities in the title: a number (normalised) with its unit (`5000亿`, `0.2%`, `19.2`). */
  titleQuantities: ReadonlySet<string>;
  /** Quantities in title and lead. */
  allQuantities: ReadonlySet<string>;
  /** The title's quantities with the two characters before each (`上涨\u00000.2%`): one figure of one thing. */
  titleFigures: ReadonlySet<string>;
  /** Places the title names, and title and lead together. */
  titlePlaces: ReadonlySet<string>;
  allPlaces: ReadonlySet<string>;
}
