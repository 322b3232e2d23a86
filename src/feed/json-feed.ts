import { escapeUTF8 } from 'entities';
import { BroadsheetError, resolveUrl } from '../shared/index.js';
import { dated, isImageType, plainTitle, unique } from './fields.js';
import type { Entry, ParsedFeed } from './types.js';

/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1). Fields are read defensively: feeds are untrusted. */
type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null);
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function authorOf(o: Json | null): string | null {
  if (!o) return null;
  // 1.1 `authors` (array) supersedes 1.0 `author` (object).
  const first = obj(arr(o.authors)[0]) ?? obj(o.author);
  return first ? str(first.name) : null;
}

export function parseJsonFeed(text: string, baseUrl: string): ParsedFeed | BroadsheetError {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return new BroadsheetError('feed.malformed', `invalid JSON in ${baseUrl}: ${(e as Error).message}`, { url: baseUrl }, { cause: e });
  }
  const feed = obj(data);
  if (!feed || !Array.isArray(feed.items)) {
    return new BroadsheetError('feed.unrecognized', `${baseUrl} is JSON but not a JSON Feed (no "items" array)`, { url: baseUrl });
  }
  const home = str(feed.home_page_url);
  const base = home ? resolveUrl(home, baseUrl) : baseUrl;
  const feedAuthor = authorOf(feed);
  const entries = feed.items.map(obj).filter((i): i is Json => i !== null).map((item): Entry => {
    const html = str(item.content_html);
    const plain = str(item.content_text);
    const published = dated(str(item.date_published));
    const updated = dated(str(item.date_modified));
    const link = str(item.url) ?? str(item.external_url);
    const image = str(item.image) ?? str(item.banner_image);
    const attachments = arr(item.attachments).map(obj).filter((a): a is Json => a !== null && str(a.url) !== null);
    return {
      title: plainTitle(str(item.title)),
      link: link ? resolveUrl(link, base) : null,
      guid: str(item.id),
      publishedText: published.text,
      published: published.date,
      updatedText: updated.text,
      updated: updated.date,
      author: authorOf(item) ?? feedAuthor,
      contentHtml: html ?? (plain ? `<p>${escapeUTF8(plain).replace(/\n{2,}/g, '</p><p>').replace(/\n/g, '<br>')}</p>` : null),
      summary: str(item.summary),
      baseUrl: base,
      enclosures: attachments.map((a) => ({
        url: resolveUrl(str(a.url)!, base),
        type: str(a.mime_type),
        length: typeof a.size_in_bytes === 'number' ? a.size_in_bytes : null,
      })),
      thumbnails: unique([
        ...(image ? [resolveUrl(image, base)] : []),
        ...attachments.filter((a) => isImageType(str(a.mime_type))).map((a) => resolveUrl(str(a.url)!, base)),
      ]),
      categories: unique(arr(item.tags).map(str).filter((t): t is string => t !== null)),
    };
  });
  return { format: 'json', title: plainTitle(str(feed.title)), link: home ? resolveUrl(home, baseUrl) : null, entries };
}
