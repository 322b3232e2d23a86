import { escapeUTF8 } from 'entities';
import type { Item } from '../content/index.js';
import type { StoredItem } from '../store/index.js';
import { cleanText, postTitle } from './title.js';
import { plainOrQuoted, singleQuoted } from './yaml-scalar.js';
import type { HexoSettings } from '../config/index.js';

type PostOptions = Pick<HexoSettings, 'keepTitle' | 'placeholder'>;

/** Stable per item, so a rebuild gives the same placeholder picture. */
export function placeholderFor(item: Pick<Item, 'id'>, template: string): string {
  const n = (parseInt(item.id.slice(0, 8), 16) % 1000) + 1;
  return template.replace(/\{n\}/g, String(n)).replace(/\{id\}/g, item.id);
}

/**
 * The feed's own date text when a JavaScript Date (what Hexo uses) reads it as the same instant;
 * else that instant in RFC 1123 form; else when the item was first seen. Never `Invalid Date`.
 */
export function postDate(item: Pick<StoredItem, 'dateText' | 'publishedAt' | 'firstSeenAt'>): string {
  if (item.publishedAt) {
    const text = item.dateText ? cleanText(item.dateText) : '';
    return text && Date.parse(text) === Date.parse(item.publishedAt) ? text : new Date(item.publishedAt).toUTCString();
  }
  return new Date(item.firstSeenAt).toUTCString();
}

/** HTML for an item whose feed gave no body: its title, as the original system wrote it. */
const titleAsHtml = (title: string): string => `<p>${escapeUTF8(title)}</p>`;

/** `{` and `}` as character references, so Hexo's Nunjucks pass never sees a template tag. */
export const escapeBraces = (html: string): string => html.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');

const BLANK_LINE = /\n([ \t]*)\n/g;
const HAS_BLANK_LINE = /\n[ \t]*\n/;

/**
 * The body as one HTML block to Markdown: a blank line would end it, and Hexo's renderer would read
 * what follows as Markdown (`[x](javascript:…)` becoming a live link). A blank line's line break is
 * written `&#10;` instead, the same character to HTML; line ends are `\n` (a lone `\r` ends a line too).
 */
export function oneHtmlBlock(html: string): string {
  let s = `\n${html.replace(/\r\n?/g, '\n')}`;
  while (HAS_BLANK_LINE.test(s)) s = s.replace(BLANK_LINE, '\n$1&#10;');
  return s.slice(1);
}

function frontMatterLines(item: StoredItem, o: PostOptions): string[] {
  const { names } = item;
  const image = cleanText(item.image ?? placeholderFor(item, o.placeholder));
  return [
    `title: ${singleQuoted(postTitle(item.title, o.keepTitle))}`,
    'categories: ',
    ` - ${plainOrQuoted(cleanText(names.category))}`,
    ` - ${plainOrQuoted(cleanText(names.site))}`,
    ` - ${plainOrQuoted(cleanText(names.channel))}`,
    `headimg: ${singleQuoted(image)}`,
    `author: ${plainOrQuoted(cleanText(names.site))}`,
    'comments: false',
    `date: ${plainOrQuoted(postDate(item))}`,
    `thumbnail: ${singleQuoted(image)}`,
  ];
}

/**
 * A post in the reference format, byte for byte: leading newline, key order, `<div>` wrapper,
 * trailing spaces. A post imported from the original system keeps its front matter and the
 * white space around its HTML as they were.
 */
export function renderPost(item: StoredItem, o: PostOptions, abbrlink?: string, frontMatter?: string): string {
  const imported = frontMatter !== undefined;
  const head = imported ? [frontMatter] : frontMatterLines(item, o);
  if (abbrlink && !(imported && /^abbrlink:/m.test(frontMatter))) head.push(`abbrlink: ${abbrlink}`);
  const html = item.html.trim() === '' ? titleAsHtml(postTitle(item.title, o.keepTitle)) : item.html;
  return ['', '---', ...head, '---', '', `<div>   \n${oneHtmlBlock(escapeBraces(html))}${imported ? '' : '\n'}  `, '</div>', '            '].join('\n');
}
