/**
 * Titles as the reference format writes them. The original replaced `: / \ ? * “ ” < > | [ ]` by `_`
 * (so `“严重分歧”` reads `_严重分歧_`); that is the default. Either way the title is made safe to
 * carry in YAML: one line, no control characters, no lone surrogates.
 */
export const ORIGINAL_REPLACED = /[:/\\?*“”<>|[\]]/g;

// Not printable in YAML (C0 except tab, DEL, C1 except NEL, BOM, non-characters), plus NEL itself (a line break in YAML 1.1).
const NOT_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\uFFFE\uFFFF]/g;

export function cleanText(raw: string): string {
  return raw.toWellFormed().replace(NOT_PRINTABLE, '').replace(/\s+/gu, ' ').trim();
}

export function postTitle(raw: string, keepTitle: boolean): string {
  const clean = cleanText(raw);
  const title = keepTitle ? clean : clean.replace(ORIGINAL_REPLACED, '_');
  return title === '' ? '(untitled)' : title;
}
