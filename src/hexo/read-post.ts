import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { BroadsheetError } from '../shared/index.js';

/** A post of the reference format as read back: front matter as written and parsed, the item HTML. */
export interface ReadPost {
  frontMatter: string;
  data: Record<string, unknown>;
  /** The HTML inside the `<div>` wrapper, braces unescaped, edges as written. */
  html: string;
}

const FRONT_MATTER = /^\s*---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;
const OPEN = '<div>   \n';
const CLOSE = '  \n</div>';

/** Reads posts the original system wrote, quirks included (leading blank line, `&#123;`, `Invalid Date`, old layouts). */
export function readPost(text: string, file: string): ReadPost | BroadsheetError {
  const m = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ''));
  if (!m) return new BroadsheetError('hexo.read', `${file}: no front matter between --- lines`, { file });
  let data: unknown;
  try {
    // As Hexo reads it (hexo-front-matter uses js-yaml): a single-quoted title over several lines is fine there.
    // The core schema keeps dates as the text written (no timestamp type).
    data = loadYaml(m[1]!, { schema: CORE_SCHEMA });
  } catch (e) {
    return new BroadsheetError('hexo.read', `${file}: front matter is not YAML: ${(e as Error).message.split('\n')[0]}`, { file }, { cause: e });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return new BroadsheetError('hexo.read', `${file}: front matter is not a mapping`, { file });
  const content = m[2]!;
  const start = content.indexOf(OPEN);
  const end = content.lastIndexOf(CLOSE);
  const inner = start >= 0 && end > start ? content.slice(start + OPEN.length, end) : content.trim();
  return { frontMatter: m[1]!, data: data as Record<string, unknown>, html: inner.replace(/&#123;/g, '{').replace(/&#125;/g, '}') };
}
