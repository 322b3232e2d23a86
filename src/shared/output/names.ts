/** File and folder names safe on Linux, macOS and Windows and in URLs, at most 255 bytes, never `.` or `..`. */
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*\u0000-\u001F\u007F]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
export const MAX_NAME_BYTES = 255;
// Hexo URL-decodes source paths (a bare `%` fails the post) and a `#` cuts any URL built from a path.
const URL_UNSAFE: Record<string, string> = { '%': '％', '#': '＃' };

/** Cut to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** Controls that make a name display as another (U+202E shows `evil\u202Egpj.md` as `evilmd.jpg`). */
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** NFC, bidi controls removed, `%`/`#` made full-width, Windows-forbidden characters `_`, capped at `maxBytes`. */
export const portableName = (name: string, maxBytes: number = MAX_NAME_BYTES): string =>
  truncateUtf8(name.normalize('NFC').replace(BIDI, '').replace(/[%#]/g, (c) => URL_UNSAFE[c]!).replace(WINDOWS_FORBIDDEN, '_').trim(), maxBytes);

/** Reserved device names (`CON`, `aux.txt`) get a trailing `_`. */
export const unreserved = (s: string): string => (WINDOWS_RESERVED.test(s) ? `${s}_` : s);

/** A folder name (category, site, channel): forbidden characters become `_`, no trailing dot or space. */
export function safeSegment(name: string, fallback: string): string {
  const s = portableName(name).replace(/[. ]+$/, '');
  return s === '' || /^\.+$/.test(s) ? fallback : unreserved(s);
}

/** Names that case-insensitive, normalizing file systems (macOS, Windows) treat as one. */
export const foldKey = (relPath: string): string => relPath.normalize('NFC').toLowerCase();
