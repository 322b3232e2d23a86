import { resolveUrl } from '../shared/index.js';
import { childrenOf, type XEl } from './xml-tree.js';
import { enclosure, isImageType, unique } from './fields.js';
import type { Enclosure } from './types.js';

/** Media RSS and iTunes pictures of an item: media:thumbnail, image media:content, itunes:image, also inside media:group. */
export function thumbnailsOf(item: XEl): string[] {
  const scopes = [item, ...childrenOf(item, 'media:group')];
  const urls: string[] = [];
  for (const s of scopes) {
    for (const t of childrenOf(s, 'media:thumbnail')) if (t.attrs.url) urls.push(resolveUrl(t.attrs.url, t.base));
    for (const c of childrenOf(s, 'media:content')) {
      if (c.attrs.url && (c.attrs.medium === 'image' || isImageType(c.attrs.type))) urls.push(resolveUrl(c.attrs.url, c.base));
      for (const t of childrenOf(c, 'media:thumbnail')) if (t.attrs.url) urls.push(resolveUrl(t.attrs.url, t.base));
    }
  }
  for (const i of childrenOf(item, 'itunes:image')) if (i.attrs.href) urls.push(resolveUrl(i.attrs.href, i.base));
  return unique(urls);
}

export function mediaEnclosures(item: XEl): Enclosure[] {
  const scopes = [item, ...childrenOf(item, 'media:group')];
  return scopes.flatMap((s) => childrenOf(s, 'media:content').map((c) => enclosure(c.attrs.url, c.attrs.type, c.attrs.filesize, c.base)).filter((e): e is Enclosure => e !== null));
}
