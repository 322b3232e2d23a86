import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const RANK = { shared: 0, config: 1, catalog: 2, sources: 3, fetch: 4, feed: 5, content: 6, stories: 6, store: 7, hexo: 8, site: 8, images: 8, pipeline: 9, cli: 10 } as const;
type Stage = keyof typeof RANK;

/**
 * The dependency rule (issue 21): a stage imports from its own folder, from shared/, and from the
 * door (index.ts) of an earlier stage — values and types — never from a later one or a sibling of its
 * rank (hexo/, site/ and images/ never import each other); pipeline/ and cli/ may import any stage's
 * door; nothing imports cli/. So a helper lives with the first stage that needs it, and shared/
 * keeps only what every stage may need (errors, logging, redaction, hashing, text that XML accepts).
 */
const allowed = (from: Stage, to: Stage): boolean =>
  to === from || (to !== 'cli' && (to === 'shared' || from === 'pipeline' || from === 'cli' || RANK[to] < RANK[from]));

/** `import type {…}` or `import { type A, type B }`: nothing but types. */
function importsTypesOnly(statement: string, typeKeyword: string | undefined): boolean {
  if (typeKeyword) return true;
  const names = /\{([^}]*)\}/.exec(statement)?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
  const defaultImport = /^\s*import\s+[\w$]+\s*,/.test(statement);
  return names !== undefined && !defaultImport && names.every((n) => n.startsWith('type '));
}

const SRC = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/gm;

describe('architecture', () => {
  it('keeps every stage to the dependency rule', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = relative(SRC, file).split('/')[0] as Stage;
      expect(Object.keys(RANK)).toContain(from);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const target = resolve(file, '..', m[3]!);
        const to = relative(SRC, target).split('/')[0] as Stage;
        if (!(to in RANK)) continue;
        const typeOnly = importsTypesOnly(m[0], m[2]);
        const viaDoor = to === from || relative(SRC, target).split('/').length === 2 && target.endsWith('index.js');
        const line = text.slice(0, m.index).split('\n').length;
        if (!allowed(from, to)) violations.push(`${relative(SRC, file)}:${line} imports ${typeOnly ? 'types' : 'values'} from ${to}/`);
        if (!viaDoor) violations.push(`${relative(SRC, file)}:${line} reaches past ${to}/index.ts`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps files small', () => {
    const big = sourceFiles(SRC).map((f) => [relative(SRC, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 300);
    expect(big).toEqual([]);
  });
});
