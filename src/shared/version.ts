import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// package.json sits two levels above both src/shared/ and dist/shared/.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The folder of the running Broadsheet package (a clone, or where npm installed it). */
export const PACKAGE_ROOT: string = fileURLToPath(new URL('../../', import.meta.url));

export const VERSION: string = pkg.version;
export const USER_AGENT = `Broadsheet/${VERSION} (feed fetcher; +https://github.com/broadsheet)`;
