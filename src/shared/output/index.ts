export { MAX_NAME_BYTES, truncateUtf8, portableName, unreserved, safeSegment, foldKey } from './names.js';
export { targetPath, listFolder, removeEmptyDir, removeTempFiles } from './files.js';
export { writeFileAtomicSync } from '../atomic-write.js';
export { applyPlan } from './plan.js';
export { threadedWrites } from './threaded-writes.js';
export type { WriteFiles } from './threaded-writes.js';
export type { PlannedFile, ManifestEntry, Manifest, OutputPlan, ApplyResult } from './plan.js';
export { MARKER_FILE, folderDoubt, markFolder } from './marker.js';
export type { MarkedOutput } from './marker.js';
