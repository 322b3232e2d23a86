import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../shared/index.js';

const BUILT_IN = fileURLToPath(new URL('.', import.meta.url));

/** A built-in file, unless the theme folder has one of the same name. */
function filesIn(kind: 'templates' | 'assets', theme: string | undefined): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of [join(BUILT_IN, kind), ...(theme ? [join(theme, kind)] : [])]) {
    if (!existsSync(dir)) continue;
    // Type declarations describe an asset to the builder; readers never get them.
    for (const name of readdirSync(dir)) if (!name.endsWith('.d.ts')) files.set(name, join(dir, name));
  }
  return files;
}

export interface Asset {
  /** Path in the site, fingerprinted for long caching (`assets/site.3f2a9c1b.css`). */
  rel: string;
  bytes: Buffer;
}

export interface Theme {
  templates: Map<string, string>;
  assets: Map<string, Asset>;
  /** Changes whenever any template or asset does: every page is then built again. */
  fingerprint: string;
}

/** The built-in templates and assets, each overridden file by file by `site.theme`. */
export function loadTheme(theme: string | undefined): Theme {
  const templates = new Map([...filesIn('templates', theme)].filter(([n]) => n.endsWith('.eta')).map(([n, p]) => [n.slice(0, -4), readFileSync(p, 'utf8')]));
  const assets = new Map<string, Asset>();
  for (const [name, path] of filesIn('assets', theme)) {
    const bytes = readFileSync(path);
    const dot = name.lastIndexOf('.');
    const rel = dot > 0 ? `assets/${name.slice(0, dot)}.${sha256Hex(bytes).slice(0, 10)}${name.slice(dot)}` : `assets/${name}`;
    assets.set(name, { rel, bytes });
  }
  const fingerprint = sha256Hex([...templates].map(([n, t]) => `${n}\0${t}`).join('\0') + [...assets.values()].map((a) => a.rel).join('\0'));
  return { templates, assets, fingerprint };
}
