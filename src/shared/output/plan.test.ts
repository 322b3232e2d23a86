import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan, type ManifestEntry } from './plan.js';

describe('applyPlan', () => {
  it('removes as many files as a full build at 200,000 items replaces (every old search file), in one plan', async () => {
    const root = mkdtempSync(join(tmpdir(), 'broadsheet-plan-'));
    try {
      const remove: ManifestEntry[] = Array.from({ length: 250_000 }, (_, k) => ({ itemId: `k${k}`, relPath: `search/old/d/${k}.json`, contentHash: 'x' }));
      const forgotten: string[] = [];
      const manifest = { save: async () => undefined, forget: async (keys: readonly string[]) => void forgotten.push(...keys.slice(0, 1)) };
      // The folder held nothing (a fresh runner's): nothing is looked for on disk.
      const r = await applyPlan({ write: [], remove, before: new Map(), exists: () => false }, root, manifest, { empty: true });
      expect(r.removed).toHaveLength(250_000);
      expect(r.removed.at(-1)).toBe('k249999');
      expect(forgotten).toEqual(['k0']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
