import { portableName, unreserved } from '../shared/index.js';

/**
 * A post's file stem from its title, as the original named them (its `_` replacements, dots removed),
 * plus what it lacked: portable characters, reserved names avoided, length capped so that stem +
 * suffix + `.md` fit in 255 bytes.
 */
export function fileStem(title: string, fallback: string, maxBytes: number): string {
  const s = portableName(title.replace(/\./g, ''), maxBytes).trimEnd();
  return s === '' ? fallback : unreserved(s);
}
