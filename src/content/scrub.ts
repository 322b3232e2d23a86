import type { Item, SafeHtml } from './types.js';
import { contentHash } from './normalize.js';

/**
 * RSSHub echoes the request URL (with `key=` or `code=`) into feeds; remove those secrets from an
 * item before it is stored or published. Replacing a literal with `***` cannot create markup, so
 * the HTML stays safe.
 */
export function scrubSecrets(item: Item, secrets: readonly string[]): Item {
  const live = secrets.filter((s) => s.length >= 4);
  if (live.length === 0) return item;
  const scrub = (s: string): string => live.reduce((acc, secret) => acc.split(secret).join('***'), s);
  const scrubNullable = (s: string | null): string | null => (s === null ? null : scrub(s));
  const [title, link, html] = [scrub(item.title), scrubNullable(item.link), scrub(item.html) as SafeHtml];
  return {
    ...item, title, link, html, excerpt: scrub(item.excerpt), image: scrubNullable(item.image),
    author: scrubNullable(item.author), categories: item.categories.map(scrub), dateText: scrubNullable(item.dateText),
    contentHash: contentHash(title, link, html),
  };
}
