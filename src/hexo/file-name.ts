/** File and folder names safe on Linux, macOS and Windows and for Hexo, at most 255 bytes, never `.` or `..`. */
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*\u0000-\u001F\u007F]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
export const MAX_NAME_BYTES = 255;
// Hexo URL-decodes source paths (a bare `%` fails the post) and builds permalinks from them (`#` cuts the URL).
const HEXO_UNSAFE: Record<string, string> = { '%': '％', '#': '＃' };
const hexoSafe = (s: string): string => s.replace(/[%#]/g, (c) => HEXO_UNSAFE[c]!);

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

/** A folder name (category, site, channel): forbidden characters become `_`, no trailing dot or space. */
export function safeSegment(name: string, fallback: string): string {
  const s = truncateUtf8(hexoSafe(name.normalize('NFC')).replace(WINDOWS_FORBIDDEN, '_').trim(), MAX_NAME_BYTES).replace(/[. ]+$/, '');
  if (s === '' || /^\.+$/.test(s)) return fallback;
  return WINDOWS_RESERVED.test(s) ? `${s}_` : s;
}

/**
 * A post's file stem from its title, as the original named them (its `_` replacements, dots removed),
 * plus what it lacked: Windows-forbidden characters replaced, reserved names avoided, length capped
 * so that stem + suffix + `.md` fit in 255 bytes.
 */
export function fileStem(title: string, fallback: string, maxBytes: number): string {
  const s = truncateUtf8(hexoSafe(title.normalize('NFC').replace(/\./g, '')).replace(WINDOWS_FORBIDDEN, '_').trim(), maxBytes).trimEnd();
  if (s === '') return fallback;
  return WINDOWS_RESERVED.test(s) ? `${s}_` : s;
}
