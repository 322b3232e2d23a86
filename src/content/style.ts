import { STYLE_PROPERTIES } from './policy.js';

// CSS values: no url(), expression(), escapes or at-rules; just lengths, colours, keywords.
const SAFE_CSS_VALUE = /^(?!.*(?:expression|url\s*\(|javascript|vbscript|@import|behavior|\\))[#\w\s.,%()+\-'"!/]*$/i;
const ALLOWED_STYLE = new Set(STYLE_PROPERTIES);

/** Keep the allowed declarations of a style attribute as written (no CSS parser: this runs on every attribute). */
export function filterStyle(style: string): string {
  const declarations = style.split(';').map((d) => d.trim()).filter((d) => d !== '');
  const kept = declarations.filter((d) => {
    const colon = d.indexOf(':');
    const property = d.slice(0, colon).trim().toLowerCase();
    const value = d.slice(colon + 1).trim();
    return colon > 0 && ALLOWED_STYLE.has(property) && SAFE_CSS_VALUE.test(value) && harmlessValue(property, value);
  });
  // Untouched when everything is allowed, so benign markup passes through as written.
  return kept.length === declarations.length ? style.trim() : kept.join('; ');
}

/**
 * No overlay: sizes past 2,000 units or negative margins would let an item cover the page around it.
 * The `background` shorthand keeps one colour only (as feedparser does: no images, positions, repeats).
 */
function harmlessValue(property: string, value: string): boolean {
  if (property === 'background' && /\s/.test(value.replace(/\([^)]*\)/g, '()'))) return false;
  // Lengths only (`12px`, `-3em`, `150%`), never the digits of a colour such as #333333.
  const numbers = value.match(/(?<![#\w.])-?\d+(?:\.\d+)?(?=px|em|rem|%|pt|pc|vh|vw|vmin|vmax|cm|mm|in|ex|ch)/gi) ?? [];
  if (numbers.some((n) => Math.abs(Number(n)) > 2000)) return false;
  return !(property.startsWith('margin') && numbers.some((n) => Number(n) < 0));
}
