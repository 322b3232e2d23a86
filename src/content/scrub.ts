import { secretPattern } from '../shared/index.js';
import type { Item, SafeHtml } from './types.js';
import { contentHash } from './normalize.js';

/**
 * RSSHub echoes the request URL (with `key=` or `code=`) into feeds; remove those secrets, in every
 * form they take (see `secretForms`), from an item before it is stored or published. Replacing text with
 * `***` cannot create markup, so the HTML stays safe.
 */
export function scrubSecrets(item: Item, secrets: readonly string[]): Item {
  const pattern = secretPattern(secrets);
  if (!pattern) return item;
  const scrub = (s: string): string => s.replace(pattern, '***');
  const scrubNullable = (s: string | null): string | null => (s === null ? null : scrub(s));
  const [title, link, html] = [scrub(item.title), scrubNullable(item.link), scrub(item.html) as SafeHtml];
  return {
    ...item, title, link, html, excerpt: scrub(item.excerpt), image: scrubNullable(item.image),
    author: scrubNullable(item.author), categories: item.categories.map(scrub), dateText: scrubNullable(item.dateText),
    contentHash: contentHash(title, link, html),
  };
}
