import { escapeUTF8 } from 'entities';
import type { ItemCursor, ItemPage, ItemSummary } from '../../store/index.js';
import { writeFile, type BuildContext } from '../context.js';
import { articleSlugs } from './articles.js';

const PER_FILE = 5_000;

const urlset = (u: readonly string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${u.join('\n')}${u.length ? '\n' : ''}</urlset>\n`;

/**
 * `sitemap.xml`, an index of `sitemap-lists.xml` (each list's first page) and `sitemap-N.xml`, the
 * articles 5,000 a file numbered from the oldest like the list pages: new items change the newest
 * file or two. `from` is the oldest place among the items that changed (null: every file);
 * `articles` how many articles the site has.
 */
export async function writeSitemap(ctx: BuildContext, lists: readonly string[], articles: number, from: ItemCursor | null): Promise<void> {
  const { paths } = ctx;
  const loc = (rel: string) => `<loc>${escapeUTF8(paths.absolute(rel))}</loc>`;
  await writeFile(ctx, 'sitemap-lists.xml', urlset(lists.map((rel) => `<url>${loc(rel)}</url>`)));
  const files = Math.ceil(articles / PER_FILE);
  const first = from ? Math.floor(Math.max(articles - (await ctx.store.items.count({ newer: from })) - 1, 0) / PER_FILE) + 1 : 1;
  let after: ItemCursor | null = null;
  for (let n = files; n >= first; n--) {
    const page: ItemPage<ItemSummary> = await ctx.store.items.query({ fields: 'summary', limit: n === files ? articles - (files - 1) * PER_FILE : PER_FILE, after });
    after = page.next;
    const rels = await articleSlugs(ctx, page.items);
    await writeFile(ctx, `sitemap-${n}.xml`, urlset(page.items.map((i) => `<url>${loc(rels.get(i.id)!)}<lastmod>${i.updatedAt}</lastmod></url>`).reverse()));
  }
  const index = ['sitemap-lists.xml', ...Array.from({ length: files }, (_, n) => `sitemap-${n + 1}.xml`)];
  await writeFile(ctx, 'sitemap.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index.map((rel) => `<sitemap>${loc(rel)}</sitemap>`).join('\n')}\n</sitemapindex>\n`);
  await ctx.writer.remove((await ctx.out.list('sitemap-')).filter((f) => /^sitemap-\d+\.xml$/.test(f.relPath) && Number(f.relPath.slice(8, -4)) > files));
}
