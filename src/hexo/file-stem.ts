import { portableName, safeSegment, unreserved } from '../shared/index.js';

/** Hexo skips every source path that starts with `_` or `.`: a post or folder named so would never be shown. */
const hexoVisible = (s: string): string => s.replace(/^[_.\s]+/, '');

/**
 * A post's file stem from its title, as the original named them (its `_` replacements, dots removed),
 * plus what it lacked: portable characters, reserved names avoided, length capped so that stem +
 * suffix + `.md` fit in 255 bytes.
 */
export function fileStem(title: string, fallback: string, maxBytes: number): string {
  const s = hexoVisible(portableName(title.replace(/\./g, ''), maxBytes).trimEnd());
  return s === '' ? fallback : unreserved(s);
}

/** A folder of the posts dir (category, site, channel): safe everywhere, and one Hexo does not skip. */
export function postSegment(name: string): string {
  const s = hexoVisible(safeSegment(name, ''));
  return s === '' ? 'untitled' : unreserved(s);
}
