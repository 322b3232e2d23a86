import { describe, expect, it } from 'vitest';
import { unbuilt } from './native.js';

describe('unbuilt', () => {
  // The installed case (no module at all) is walked in test/journey.test.ts; these are the two messages as Node and bindings give them.
  it('says what to do when the module was built for another Node.js', () => {
    const e = new Error("The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 127. This version of Node.js requires\nNODE_MODULE_VERSION 115.");
    const r = unbuilt(e)!;
    expect(r.code).toBe('store.open');
    expect(r.message).toContain(`built for another Node.js than this one (${process.version})`);
    expect(r.message).toContain('npm install --global --allow-scripts=better-sqlite3');
    expect(r.cause).toBe(e);
  });

  it('leaves any other error to the caller', () => {
    expect(unbuilt(new Error('SQLITE_CANTOPEN: unable to open database file'))).toBeNull();
    expect(unbuilt(new Error('Could not locate the bindings file. Tried: …'))!.message).toContain('its install script did not run');
  });
});
