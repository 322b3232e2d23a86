export { parseFeed } from './parse.js';
export { detectFormat } from './detect.js';
export { FEED_FORMATS } from './types.js';
export type { Entry, Enclosure, ParsedFeed, FeedFormat } from './types.js';
