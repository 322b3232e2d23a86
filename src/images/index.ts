export { collectThumbnails, thumbnailFiles } from './collect.js';
export type { CollectOptions } from './collect.js';
export { thumbnail, THUMB_WIDTH, THUMB_HEIGHT } from './resize.js';
export type { ThumbnailEntry, ThumbnailReport } from './types.js';
