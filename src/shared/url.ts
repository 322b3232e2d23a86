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
