import { createRequire } from 'node:module';

// Named `load`, not `require`: the command line's bundle declares its own `require` at the top.
const load = createRequire(import.meta.url);

/**
 * A package that only some work needs (a feed that is not UTF-8, a config with regex rules, a config
 * the quick reader refused), required on its first use: every command starts without reading and
 * compiling it (`broadsheet --help` read 1.2 MB less).
 */
export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(name) as T);
}
