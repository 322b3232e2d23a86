export { run } from './run.js';
export type { RunDeps, RunOptions } from './run.js';
export { refreshSource } from './refresh.js';
export type { RunReport, SourceOutcome, SourceStatus } from './types.js';
export { importHexo } from './import-hexo.js';
export type { ImportReport } from './import-hexo.js';
export { loadCatalog, updateCatalog, catalogPath } from './catalog.js';
