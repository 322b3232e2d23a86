export { parseFeed } from './parse.js';
export { detectFormat } from './detect.js';
export { FEED_FORMATS } from './types.js';
export type { Entry, Enclosure, ParsedFeed, FeedFormat } from './types.js';
export { htmlToText, scanHtml, textShorterThan, TEXT_SKIPPED, TEXT_BLOCKS, nestsDeeperThan, MAX_HTML_DEPTH } from './html-text.js';
export { parseFeedDate } from './date.js';
