import { readFile } from 'node:fs/promises';
import { BroadsheetError, writeFileAtomic } from '../shared/index.js';
import { targetPath } from './plan.js';
import type { PostFile } from './types.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

async function existing(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** Carry out a plan: each file written atomically (temp file + rename); identical files are left alone. */
export async function writePlan(plan: readonly PostFile[], root: string): Promise<Map<string, WriteOutcome>> {
  const outcomes = new Map<string, WriteOutcome>();
  for (const f of plan) {
    const path = targetPath(root, f.relPath);
    const before = await existing(path);
    if (before === f.content) {
      outcomes.set(f.itemId, 'unchanged');
      continue;
    }
    try {
      await writeFileAtomic(path, f.content);
    } catch (e) {
      throw new BroadsheetError('hexo.write', `cannot write ${path}: ${(e as Error).message}`, { file: path }, { cause: e });
    }
    outcomes.set(f.itemId, before === null ? 'created' : 'updated');
  }
  return outcomes;
}
