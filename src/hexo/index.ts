export { planPosts, targetPath } from './plan.js';
export { writePlan } from './write.js';
export type { WriteOutcome } from './write.js';
export { renderPost, postDate, placeholderFor, escapeBraces } from './post.js';
export { postTitle, cleanText } from './title.js';
export { fileStem, safeSegment, truncateUtf8 } from './file-name.js';
export type { HexoOptions, PostFile, PostInput } from './types.js';
