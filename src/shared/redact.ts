/**
 * Secrets (the RSSHub access key and what is derived from it, passwords of private feeds) must never
 * reach logs, stored items, output files or error messages. Every string leaving the program passes
 * through a Redactor.
 */
export type Redactor = (text: string) => string;

const QUERY_SECRET = /([?&](?:key|code)=)[^&#\s"'<>]*/gi;
/** `user:password@` in a URL. */
const CREDENTIALS = /\b(https?:\/\/)[^\s/?#@"'<>]+@/gi;

const htmlEscaped = (s: string): string[] => [
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
  s.replace(/&/g, '&#38;'),
  s.replace(/&/g, '&#x26;'),
];

/**
 * Every form a secret takes where a server or a feed echoes it: as written, percent-encoded as a URL
 * component, as a query string sends it (space → `+`), as a URL keeps it, each encoded once more (a URL
 * inside a URL), and each of those HTML-escaped (a sanitized attribute writes `&` as `&amp;`).
 */
export function secretForms(secret: string): string[] {
  const url = [secret, encodeURIComponent(secret), new URLSearchParams({ k: secret }).toString().slice(2), encodeURI(secret)];
  const all = [...url, ...url.map(encodeURIComponent)];
  return [...new Set([...all, ...all.flatMap(htmlEscaped)])];
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One pattern for every form of every secret, longest first; case-insensitive, since percent-encodings
 * come in both cases. Secrets shorter than 4 characters are left alone (they would match ordinary text).
 */
export function secretPattern(secrets: readonly (string | undefined)[]): RegExp | null {
  const forms = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'gi') : null;
}

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const pattern = secretPattern(secrets);
  return (text) => {
    const out = text.replace(QUERY_SECRET, '$1***').replace(CREDENTIALS, '$1***@');
    return pattern ? out.replace(pattern, '***') : out;
  };
}

export const noRedaction: Redactor = createRedactor([]);
