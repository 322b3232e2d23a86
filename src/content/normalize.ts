import { createHash } from 'node:crypto';
import { escapeAttribute } from 'entities';
import { BroadsheetError, canonicalUrl, firstNonBlank, plainName, sha256Hex, truncateText, xmlText } from '../shared/index.js';
import { htmlToText, MAX_HTML_DEPTH, nestsDeeperThan } from '../feed/index.js';
import type { Entry } from '../feed/index.js';
import { sanitizeAndScan } from './sanitize.js';
import type { Item, SafeHtml } from './types.js';
import { firstImage } from './images.js';
import { webUrl } from '../shared/index.js';
import { LIMITS, type CutField } from './limits.js';

export const EXCERPT_CHARS = 200;
const TITLE_FROM_TEXT_CHARS = 100;

/** sha256 of the source id and the entry's most stable identity: guid, else canonical link, else title + date text. */
export function itemId(sourceId: string, e: Pick<Entry, 'guid' | 'link' | 'title' | 'publishedText'>): string {
  return sha256Hex([sourceId, e.guid ?? canonicalUrl(e.link) ?? e.link ?? `${e.title ?? ''}|${e.publishedText ?? ''}`].join('\0'));
}

/**
 * A fingerprint of everything normalizing reads from an entry: equal fingerprints give equal Items.
 * Each field goes in with its length, as UTF-16 code units: the bodies as they are, not copied into
 * one JSON string first, and a lone surrogate not made U+FFFD as UTF-8 would.
 */
export function entryHash(e: Entry): string {
  const hash = createHash('sha256');
  for (const field of [e.title, e.link, e.guid, e.publishedText, e.updatedText, e.author, e.contentHtml, e.summary, e.baseUrl, JSON.stringify([e.thumbnails, e.enclosures, e.categories])]) {
    if (field === null) hash.update('-');
    else hash.update(`${field.length}:`).update(field, 'utf16le');
  }
  return hash.digest('hex');
}

const AUDIO = /^audio\/|\.(mp3|m4a|aac|oga|ogg|opus|wav|flac)(\?|$)/i;
const VIDEO = /^video\/|\.(mp4|m4v|webm|mov|ogv)(\?|$)/i;

/**
 * Podcast and video enclosures as players after the body (a podcast item's audio is the item), unless
 * the body already carries the file. The sanitizer then checks them like any other markup.
 */
function mediaPlayers(e: Pick<Entry, 'enclosures'>, body: string): string {
  return e.enclosures
    .filter((x) => /^https?:\/\//i.test(x.url) && !body.includes(x.url))
    .map((x) => {
      const kind = AUDIO.test(x.type ?? '') || (!x.type && AUDIO.test(x.url)) ? 'audio' : VIDEO.test(x.type ?? '') || (!x.type && VIDEO.test(x.url)) ? 'video' : null;
      return kind ? `<p><${kind} controls preload="none" src="${escapeAttribute(x.url)}"></${kind}></p>` : '';
    })
    .join('');
}

/**
 * An excerpt does not open by repeating the title: newsflashes start their text with `【title】`, and
 * many bodies with the title itself.
 */
export function withoutTitle(text: string, title: string): string {
  const bracketed = /^\s*【([^】]{1,300})】\s*/.exec(text);
  if (bracketed && (title.includes(bracketed[1]!.trim()) || bracketed[1]!.includes(title))) return text.slice(bracketed[0].length);
  const trimmed = text.trimStart();
  return title.length >= 4 && trimmed.startsWith(title) ? trimmed.slice(title.length).replace(/^[\s:：,，。.|｜-]+/, '') : text;
}

/** The one hash of what a reader sees: a change in it is an update of the item. */
export const contentHash = (title: string, link: string | null, html: string): string => sha256Hex([title, link ?? '', html].join('\0'));

/** What a caller that has already read them passes on, so they are not worked out twice. */
export interface Known {
  id?: string;
  fingerprint?: string;
  /** Grows by the time spent sanitizing, for the run's report. */
  spent?: { sanitizeMs: number };
}

/** Entry → Item with explicit, ordered fallbacks; the same entry gives the same item on every run. */
export function normalizeEntry(sourceId: string, e: Entry, known: Known = {}): Item {
  const { spent } = known;
  const cut: CutField[] = [];
  const capped = (s: string, max: number, field: CutField): string => {
    if (s.length <= max) return s;
    if (!cut.includes(field)) cut.push(field);
    return truncateText(s, max);
  };
  let body = firstNonBlank(e.contentHtml, e.summary) ?? '';
  if (body.length > LIMITS.bodyChars) {
    // Cut before sanitizing, never inside a surrogate pair: the sanitizer closes what the cut left open.
    body = body.slice(0, body.codePointAt(LIMITS.bodyChars - 1)! > 0xffff ? LIMITS.bodyChars + 1 : LIMITS.bodyChars);
    cut.push('body');
  }
  // The sanitizer's parser would spend minutes on it; the source fails with a clear code instead.
  if (nestsDeeperThan(body)) throw new BroadsheetError('feed.too-complex', `an entry of ${sourceId} nests its HTML deeper than ${MAX_HTML_DEPTH} levels; it was not read`, { source: sourceId });
  // One pass gives the safe HTML, its text, the body's own text and the first picture.
  const t0 = spent ? performance.now() : 0;
  const { html, text, inputText, firstImage: contentImage } = sanitizeAndScan(body + mediaPlayers(e, body), e.baseUrl);
  if (spent) spent.sanitizeMs += performance.now() - t0;
  // Once, here, for every output: nothing XML 1.0 forbids (a feed with one control is unreadable), and
  // no bidi control in what names an item (a title that displays backwards, a spoofed file name).
  const title = capped(plainName(firstNonBlank(e.title, text ? truncateText(text, TITLE_FROM_TEXT_CHARS) : null, e.link) ?? ''), LIMITS.titleChars, 'title') || '(untitled)';
  const categories = e.categories.map((c) => capped(plainName(c), LIMITS.categoryChars, 'categories')).filter(Boolean);
  if (categories.length > LIMITS.categories && !cut.includes('categories')) cut.push('categories');
  const summaryText = !e.summary ? '' : e.summary === body ? inputText : htmlToText(e.summary);
  const date = e.published ?? e.updated;
  const dateText = e.published ? e.publishedText : e.updated ? e.updatedText : (e.publishedText ?? e.updatedText);
  // Removing characters cannot make markup: the HTML stays safe.
  const safe = xmlText(html) as SafeHtml;
  return {
    id: known.id ?? itemId(sourceId, e),
    sourceId,
    title,
    // A `javascript:` or `data:` link is no link to publish.
    link: webUrl(e.link),
    publishedAt: date ? date.toISOString() : null,
    dateText: dateText === null ? null : xmlText(dateText),
    author: e.author === null ? null : capped(plainName(e.author), LIMITS.authorChars, 'author') || null,
    html: safe,
    excerpt: xmlText(truncateText(withoutTitle(summaryText || text, title), EXCERPT_CHARS)),
    image: firstImage(contentImage, e),
    categories: categories.slice(0, LIMITS.categories),
    contentHash: contentHash(title, webUrl(e.link), safe),
    entryHash: known.fingerprint ?? entryHash(e),
    ...(cut.length ? { cut } : {}),
  };
}
