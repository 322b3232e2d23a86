export { planPosts, targetPath, foldKey } from './plan.js';
export type { PlanContext } from './plan.js';
export { syncPosts } from './sync.js';
export type { SyncResult } from './sync.js';
export { renderPost, postDate, placeholderFor, escapeBraces } from './post.js';
export { postTitle, cleanText } from './title.js';
export { fileStem, safeSegment, truncateUtf8 } from './file-name.js';
export type { HexoOptions, PostFile } from './types.js';
