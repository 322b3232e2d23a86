import { mapLimit } from '../shared/index.js';
import { withArticle, type Extracted, type Item } from '../content/index.js';
import type { PageFetcher } from '../fetch/index.js';
import type { StoredArticle } from '../store/index.js';
import type { ArticleInput } from './digest.js';
import type { SourceOutcome } from './types.js';

/** Pages read at once for one source's new items (the host limits still hold). */
const PAGES_AT_ONCE = 4;

export interface FullTextDeps {
  pages: PageFetcher;
  extract: (article: ArticleInput['article']) => Promise<Extracted>;
  /** The articles these items were last given (asked once per document): their pages are asked "changed since?". */
  stored?: (itemIds: readonly string[]) => Promise<ReadonlyMap<string, StoredArticle>>;
}

/**
 * The whole article for each new or changed item of a `fullText` source: its page fetched (politely,
 * public addresses only), the article found and sanitized. A page read before is asked with its
 * validators, and where it has not changed the stored article stays without a read. Where the page
 * fails or says less than the feed, the feed's content stays, and the report says why.
 */
export async function withFullText(items: readonly Item[], feedUrl: string, selector: true | string, deps: FullTextDeps): Promise<{ items: Item[]; fullText: NonNullable<SourceOutcome['fullText']> }> {
  const stored = deps.stored && items.length > 0 ? await deps.stored(items.map((i) => i.id)) : new Map<string, StoredArticle>();
  let unchanged = 0;
  const done = await mapLimit(items, PAGES_AT_ONCE, async (item) => {
    if (!item.link) return { item, kept: 'the item links to no page' };
    const last = stored.get(item.id);
    const known = last && last.page.url === item.link ? last : undefined;
    const prior = known ? { ...(known.page.etag ? { etag: known.page.etag } : {}), ...(known.page.lastModified ? { lastModified: known.page.lastModified } : {}) } : {};
    const page = await deps.pages(item.link, { feedUrl, prior });
    if (page.kind === 'not-modified' && known) {
      unchanged++;
      const validators = { url: item.link, etag: page.etag ?? known.page.etag, lastModified: page.lastModified ?? known.page.lastModified };
      return { item: { ...item, html: known.html, excerpt: item.excerpt || known.excerpt, page: validators }, kept: null };
    }
    const extracted: Extracted = page.kind === 'ok' ? await deps.extract({ page: page.text, url: page.finalUrl, selector }) : { ok: false, why: page.kind === 'failed' ? `${page.error.code}: ${page.error.message}` : 'the page answered 304 to a request that asked nothing' };
    const r = withArticle(item, extracted);
    if (r.kept || page.kind !== 'ok') return r;
    return { item: { ...r.item, page: { url: item.link, etag: page.etag ?? null, lastModified: page.lastModified ?? null } }, kept: null };
  });
  // In the feed's order, whatever order the pages came in.
  const kept = done.flatMap((r) => (r.kept ? [{ title: r.item.title, why: r.kept }] : []));
  return { items: done.map((r) => r.item), fullText: { read: items.length - kept.length - unchanged, unchanged, kept } };
}
