export { sanitize, sanitizeAndScan, sanitizeKeepingEdges, type Sanitized } from './sanitize.js';
export { IFRAME_HOSTS } from './policy.js';
export { normalizeEntry, itemId, entryHash, contentHash, EXCERPT_CHARS } from './normalize.js';
export { firstImage } from './images.js';
export type { Item, SafeHtml } from './types.js';
export { scrubSecrets } from './scrub.js';
export { itemFromPost } from './imported.js';
export type { ImportedPost } from './imported.js';
