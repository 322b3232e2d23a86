import { escapeUTF8 } from 'entities';
import type { ItemPage, ItemQuery, ItemSummary } from '../../store/index.js';
import { writeFile, type BuildContext } from '../context.js';
import { articleSlugs } from './articles.js';

const PER_FILE = 50_000;
const READ = 1000;

/** `sitemap.xml`: the list pages and every article; past 50,000 URLs an index of `sitemap-N.xml` files. */
export async function writeSitemap(ctx: BuildContext, lists: readonly string[]): Promise<void> {
  const { paths } = ctx;
  const write = (rel: string, body: string) => writeFile(ctx, rel, body);
  // Each file goes out when full; the first waits until we know whether a second one follows.
  let files = 0;
  let first: string | null = null;
  const urlset = (u: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${u.join('\n')}${u.length ? '\n' : ''}</urlset>\n`;
  const emit = async (body: string) => {
    files++;
    if (files === 1) first = body;
    else {
      if (files === 2) await write('sitemap-1.xml', first!);
      await write(`sitemap-${files}.xml`, body);
    }
  };
  const urls: string[] = lists.map((rel) => `<url><loc>${escapeUTF8(paths.absolute(rel))}</loc></url>`);
  let after: ItemQuery<'summary'>['after'] = null;
  do {
    const page: ItemPage<ItemSummary> = await ctx.store.items.query({ fields: 'summary', limit: READ, after });
    const rels = await articleSlugs(ctx, page.items);
    for (const i of page.items) urls.push(`<url><loc>${escapeUTF8(paths.absolute(rels.get(i.id)!))}</loc><lastmod>${i.updatedAt}</lastmod></url>`);
    after = page.next;
    while (urls.length >= PER_FILE) await emit(urlset(urls.splice(0, PER_FILE)));
  } while (after);
  if (urls.length > 0 || files === 0) await emit(urlset(urls.splice(0)));
  if (files === 1) return write('sitemap.xml', first!);
  await write('sitemap.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${Array.from({ length: files }, (_, n) => `<sitemap><loc>${escapeUTF8(paths.absolute(`sitemap-${n + 1}.xml`))}</loc></sitemap>`).join('\n')}\n</sitemapindex>\n`);
}
