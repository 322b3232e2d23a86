export { buildSite, SITE_OUTPUT } from './build.js';
export { siteOutput } from './output.js';
export type { BuildOptions, BuildResult } from './build.js';
export type { Thumbnails } from './pages/thumbs.js';
