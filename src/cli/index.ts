export { main, COMMANDS } from './main.js';
export type { Io } from './io.js';
