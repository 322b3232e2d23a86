import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan, type ManifestEntry } from './plan.js';
import { symlinkOnTheWay } from './files.js';

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

describe('symlinkOnTheWay', () => {
  it('looks at a missing folder once in a pass (a first pass wrote 20,000 posts into new folders: 21,871 failing stats), and still finds a link', () => {
    const root = mkdtempSync(join(tmpdir(), 'broadsheet-links-'));
    try {
      const dirs = new Map<string, boolean>();
      expect(symlinkOnTheWay(root, 'a/b/one.md', dirs, false)).toBeNull();
      // Missing: remembered as no link (the folder the writer makes is none), so the next file of it is not looked at again.
      expect(dirs.get(join(root, 'a'))).toBe(false);
      expect(symlinkOnTheWay(root, 'a/b/two.md', dirs, false)).toBeNull();
      expect(dirs.get(join(root, 'a', 'b'))).toBe(false);
      symlinkSync(tmpdir(), join(root, 'l'));
      expect(symlinkOnTheWay(root, 'l/three.md', dirs, false)).toBe(join(root, 'l'));
      expect(symlinkOnTheWay(root, 'l/four.md', dirs, false)).toBe(join(root, 'l'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
