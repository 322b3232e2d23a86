import { BroadsheetError } from '../../shared/index.js';

/**
 * better-sqlite3's compiled module missing or built for another Node.js, said as what to do; null for
 * any other error. npm 12 runs a dependency's install script only when it is allowed, so an install
 * without `--allow-scripts=better-sqlite3` leaves the module unbuilt and every command would stop on
 * the `bindings` package's list of the paths it tried.
 */
export function unbuilt(e: unknown): BroadsheetError | null {
  const message = e instanceof Error ? e.message : String(e);
  const missing = message.includes('Could not locate the bindings file');
  if (!missing && !message.includes('NODE_MODULE_VERSION')) return null;
  const why = missing
    ? "better-sqlite3's compiled module is missing: its install script did not run (npm 12 runs a dependency's install script only when it is allowed)"
    : `better-sqlite3's compiled module was built for another Node.js than this one (${process.version})`;
  return new BroadsheetError(
    'store.open',
    `${why}. Install Broadsheet again with npm install --global --allow-scripts=better-sqlite3 <the same package>, ` +
      'or, where Broadsheet is a dependency of a project, run npm install-scripts approve better-sqlite3, then npm rebuild better-sqlite3 there',
    {},
    { cause: e },
  );
}
