export { syncPosts, HEXO_OUTPUT } from './sync.js';
export { hexoOutput } from './output.js';
export type { SyncResult } from './sync.js';
export { readPost } from './read-post.js';
export type { ReadPost } from './read-post.js';
