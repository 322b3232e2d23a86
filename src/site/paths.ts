import { portableName, unreserved } from '../shared/index.js';

/**
 * Where each page lives. Paths (`rel`) are `/`-separated, relative to `site.out`, and always end in a
 * file name; hrefs are root-relative under the site's base path (`/news/` for a project site).
 */
export interface SitePaths {
  base: string;
  href(rel: string): string;
  absolute(rel: string): string;
}

/** What `encodeURIComponent` leaves as it is, and the segments' `/`. */
const PLAIN = /^[\w.~/-]*$/;

export function sitePaths(siteUrl: string): SitePaths {
  const url = new URL(siteUrl);
  const base = url.pathname;
  const href = (rel: string): string => {
    const r = rel.endsWith('index.html') ? rel.replace(/(^|\/)index\.html$/, '$1') : rel;
    // An article's path (every list card links one) has nothing to encode: taken as it is.
    return base + (PLAIN.test(r) ? r : r.split('/').map(encodeURIComponent).join('/'));
  };
  return { base, href, absolute: (rel) => url.origin + href(rel) };
}

/** A list's first page `<dir>/index.html` (`n` null), or its numbered page `<dir>/page/N/index.html`. */
export const pageRel = (dir: string, n: number | null): string => `${dir}${n !== null ? `page/${n}/` : ''}index.html`;

// Hexo's slugize: runs of white space and punctuation become one `-`, letters of every script stay.
const SEPARATORS = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/，。、；：！？“”‘’（）【】《》·]+/gu;

/** A readable path segment for a name: Hexo's habit, made safe on every file system. */
export function slugOf(name: string): string {
  const s = unreserved(portableName(name.replace(SEPARATORS, '-').replace(/^-+|-+$/g, ''), 80).replace(/-+$/, ''));
  return s === '' ? 'x' : s;
}

export { namesKey, namesOf } from '../sources/index.js';
