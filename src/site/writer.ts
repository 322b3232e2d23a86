import { existsSync } from 'node:fs';
import { applyPlan, targetPath, type ApplyResult, type ManifestEntry, type PlannedFile } from '../shared/index.js';
import type { OutputPart } from '../store/index.js';

const BATCH = 200;

/**
 * Pages go to disk in batches: each batch is compared with the manifest (an unchanged page is not
 * written), written by temp + rename and recorded in one transaction, so memory holds one batch,
 * never the site.
 */
export function siteWriter(out: OutputPart, root: string, full: boolean) {
  const pending: PlannedFile[] = [];
  const total: ApplyResult = { created: [], updated: [], unchanged: [], removed: [] };
  // After a full build every file must be on disk; an incremental build trusts the manifest.
  const exists = full ? (rel: string) => existsSync(targetPath(root, rel)) : () => true;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending.splice(0);
    const before = await out.get(batch.map((f) => f.key));
    const r = await applyPlan({ write: batch, remove: [], before, exists }, root, out);
    total.created.push(...r.created);
    total.updated.push(...r.updated);
    total.unchanged.push(...r.unchanged);
  };
  return {
    async add(key: string, relPath: string, content: string | Uint8Array): Promise<void> {
      pending.push({ key, relPath, content });
      if (pending.length >= BATCH) await flush();
    },
    flush,
    async remove(files: readonly ManifestEntry[]): Promise<void> {
      await flush();
      if (files.length === 0) return;
      const r = await applyPlan({ write: [], remove: files, before: new Map(), exists }, root, out);
      total.removed.push(...r.removed);
    },
    result: (): ApplyResult => total,
  };
}
