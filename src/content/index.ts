export { sanitize, sanitizeKeepingEdges, IFRAME_HOSTS } from './sanitize.js';
export { normalizeEntry, itemId, entryHash, contentHash, EXCERPT_CHARS } from './normalize.js';
export { firstImage } from './images.js';
export type { Item, SafeHtml } from './types.js';
export { scrubSecrets } from './scrub.js';
export { itemFromPost } from './imported.js';
export type { ImportedPost } from './imported.js';
