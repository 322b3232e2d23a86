import { escapeUTF8 } from 'entities';
import type { ItemCursor, ItemPage, ItemPlace } from '../../store/index.js';
import { writeFile, type BuildContext } from '../context.js';
import { ARTICLES } from '../list-keys.js';
import { numbering } from '../numbering.js';
import { articleSlugs } from './articles.js';
import { editedPages } from './edited.js';

const urlset = (u: readonly string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${u.join('\n')}${u.length ? '\n' : ''}</urlset>\n`;

/**
 * `sitemap.xml`, an index of `sitemap-lists.xml` (each list's first page) and `sitemap-N.xml`, the
 * articles `perFile` a file numbered from the oldest ever listed like the list pages (`Retired`): new items
 * change the newest file or two, retention the lowest. `from` is the oldest place among the articles
 * that changed (null: every file; undefined: none but the ends) and `edited` the articles edited where
 * they stood, whose files are written too; `articles` how many the site has.
 */
export async function writeSitemap(ctx: BuildContext, { lists, articles, perFile }: { lists: readonly string[]; articles: number; perFile: number }, from: ItemCursor | null | undefined, edited: readonly ItemCursor[] = []): Promise<void> {
  const { paths } = ctx;
  const loc = (rel: string) => `<loc>${escapeUTF8(paths.absolute(rel))}</loc>`;
  await writeFile(ctx, 'sitemap-lists.xml', urlset(lists.map((rel) => `<url>${loc(rel)}</url>`)));
  const numbers = numbering(articles, ctx.retired.count(ARTICLES), perFile);
  const { lowest, highest, span, pageOf } = numbers;
  const files = articles > 0 ? highest : lowest - 1;
  const first = from === null ? lowest : from === undefined ? files + 1 : pageOf(await ctx.store.items.count({ newer: from }));
  const write = async (n: number, page: readonly ItemPlace[]) => {
    const rels = await articleSlugs(ctx, page);
    await writeFile(ctx, `sitemap-${n}.xml`, urlset(page.map((i) => `<url>${loc(rels.get(i.id)!)}<lastmod>${i.updatedAt}</lastmod></url>`)));
  };
  let after: ItemCursor | null = null;
  for (let n = files; n >= Math.max(first, lowest); n--) {
    const page: ItemPage<ItemPlace> = await ctx.store.items.query({ fields: 'place', limit: span(n), after });
    after = page.next;
    await write(n, [...page.items].reverse());
  }
  // The lowest file lost the articles retention took.
  const bottom = ctx.retired.grew(ARTICLES) && lowest < first && lowest <= files;
  if (bottom) await write(lowest, (await ctx.store.items.query({ fields: 'place', limit: span(lowest), oldestFirst: true })).items);
  // Below `first` no file moved: an edited article's file alone changes.
  const read = async (after: ItemCursor | null, n: number) => (await ctx.store.items.query({ fields: 'place', limit: n, after })).items;
  await editedPages(ctx, {}, numbers, edited, read, (i) => i.id, async (n, page) => {
    if (n >= lowest && n < first && !(bottom && n === lowest)) await write(n, [...page].reverse());
  });
  const index = ['sitemap-lists.xml', ...Array.from({ length: Math.max(files - lowest + 1, 0) }, (_, k) => `sitemap-${lowest + k}.xml`)];
  await writeFile(ctx, 'sitemap.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index.map((rel) => `<sitemap>${loc(rel)}</sitemap>`).join('\n')}\n</sitemapindex>\n`);
  const number = (rel: string) => (/^sitemap-\d+\.xml$/.test(rel) ? Number(rel.slice(8, -4)) : null);
  await ctx.writer.remove((await ctx.out.list('sitemap-')).filter((f) => { const n = number(f.relPath); return n !== null && (n > files || n < lowest); }));
}
