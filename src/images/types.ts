/** What the thumbnail folder knows of a picture address: its thumbnail's size, or when it last could not be made. */
export type ThumbnailEntry = { bytes: number; at: string } | { failed: string; at: string };

/** One `run`'s work on the thumbnails, said in its report. */
export interface ThumbnailReport {
  /** Made in this run. */
  made: number;
  /** Could not be fetched or read as a picture in this run (tried again after a day). */
  failed: number;
  /** Left for the next run: over this run's share, or over the budget. */
  left: number;
  /** Thumbnails kept, and their bytes, against the budget. */
  kept: number;
  bytes: number;
  budget: number;
}
