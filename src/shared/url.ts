/**
 * Resolve `href` against `base`. An absolute http(s) URL is kept as written, and the input is
 * kept when it cannot be resolved (never invent a URL).
 */
export function resolveUrl(href: string, base: string | null | undefined): string {
  const h = href.trim();
  if (h === '' || (/^https?:\/\/[^\s]+$/i.test(h) && URL.canParse(h))) return h;
  try {
    return base ? new URL(h, base).href : new URL(h).href;
  } catch {
    return h;
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

// Query parameters that only track where a click came from; two links differing in them are one story.
const TRACKING_PARAM = /^(utm_\w+|spm|from|source|share_token|share_source|fbclid|gclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|ref|ref_src|timestamp|scene|wfr)$/i;

/**
 * The link that identifies a story: scheme and host lower-cased, fragment and tracking parameters
 * (utm_*, fbclid, …) removed, remaining parameters sorted. Null for what is not an http(s) URL.
 */
export function canonicalUrl(link: string | null | undefined): string | null {
  if (!link) return null;
  let u: URL;
  try {
    u = new URL(link.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  const kept = [...u.searchParams].filter(([k]) => !TRACKING_PARAM.test(k)).sort(([a], [b]) => a.localeCompare(b));
  u.search = new URLSearchParams(kept).toString();
  return u.href;
}

/** `[` and `]` outside an IPv6 host percent-encoded: the WHATWG parser keeps them, HTML's URL rules do not. */
export const bracketsEncoded = (url: string): string => (/^[a-z][\w+.-]*:\/\/\[/i.test(url) ? url : url.replace(/\[/g, '%5B').replace(/\]/g, '%5D'));

/**
 * The one URL cleaner for what reaches a page, a post or a stored item: an absolute http(s) URL,
 * normalised (quotes, parentheses, spaces and brackets percent-encoded), or null. Front matter, HTML
 * attributes and CSS `url()` can then never be broken out of.
 */
export function webUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return bracketsEncoded(url.href.replace(/[()'"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  } catch {
    return null;
  }
}
