export { sanitize, IFRAME_HOSTS } from './sanitize.js';
export { normalizeEntry, itemId, titleAsHtml, EXCERPT_CHARS } from './normalize.js';
export { firstImage } from './images.js';
export type { Item, SafeHtml } from './types.js';
