import { BroadsheetError } from '../../shared/index.js';
import type { Store } from '../types.js';

const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

/** A damaged file, said as what it is and what to do about it; null for any other error. */
export function damaged(e: unknown, path: string): BroadsheetError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !DAMAGED.has(code)) return null;
  return new BroadsheetError(
    'store.corrupt',
    `the store ${path} is damaged (${(e as Error).message}); nothing more was written to it. Check it with: sqlite3 '${path}' 'PRAGMA integrity_check'. ` +
      `Then restore your copy of it, or move it aside to start a new store: the posts and the site already written are kept and adopted by the next run`,
    { file: path },
    { cause: e },
  );
}

type Fn = (...args: unknown[]) => unknown;

/** Every method of a part, with a damaged file reported by `damaged` instead of SQLite's bare message. */
function guardPart<T extends object>(part: T, path: string): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(part)) {
    out[name] =
      typeof value !== 'function'
        ? value
        : async (...args: unknown[]) => {
            try {
              return await (value as Fn)(...args);
            } catch (e) {
              throw damaged(e, path) ?? e;
            }
          };
  }
  return out as T;
}

export function guardStore(store: Store, path: string): Store {
  return {
    sources: guardPart(store.sources, path),
    items: guardPart(store.items, path),
    outputs: (name) => guardPart(store.outputs(name), path),
    runs: guardPart(store.runs, path),
    hosts: guardPart(store.hosts, path),
    instances: guardPart(store.instances, path),
    stories: guardPart(store.stories, path),
    file: store.file,
    close: store.close,
  };
}
