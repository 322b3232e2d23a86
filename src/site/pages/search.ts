import { pageKey, writePage, type BuildContext } from '../context.js';

/** `search/`: the search page; the script fills the results from the index in the reader's browser. */
export async function writeSearchPage(ctx: BuildContext): Promise<void> {
  const { t, tree } = ctx;
  const categories = tree.categories.map((c) => c.name);
  const sites = [...new Set(tree.categories.flatMap((c) => c.sites.map((s) => s.name)))].sort((a, b) => a.localeCompare(b));
  await writePage(ctx, pageKey('search/index.html'), 'search', { title: `${t.search} · ${ctx.site.title}`, description: t.searchPlaceholder, rel: 'search/index.html' }, { categories, sites });
}
