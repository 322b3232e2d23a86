import { sha256Hex } from './hash.js';

/** Thumbnails are served from this folder of the site. */
export const THUMBS_DIR = 'thumbs/';

/**
 * A card picture's thumbnail file, named from the picture's address: a page that shows it is then a
 * function of the store alone (an incremental build stays byte-identical to a full one), whether or
 * not the thumbnail could be made; where it could not, the page falls back to the address itself.
 */
export const thumbnailName = (pictureUrl: string): string => `${sha256Hex(pictureUrl).slice(0, 24)}.webp`;
