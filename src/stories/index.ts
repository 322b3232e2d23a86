export type { Signature, StoryText } from './types.js';
export { signatureOf } from './signature.js';
export { readAlike, sameStory, storyKeys, KEYS_SHARED } from './same.js';
export { conflict } from './facts.js';
