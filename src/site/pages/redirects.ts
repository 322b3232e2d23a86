import { writeFile, type BuildContext } from '../context.js';
import { articleSlugs } from './articles.js';

const ABBRLINK = /^abbrlink:\s*['"]?([0-9a-z]+)['"]?\s*$/im;

/**
 * `p/<abbrlink>.html` → the article's permalink, for posts migrated from the original system (their
 * front matter, kept with the item, names the abbrlink their old links used).
 */
export async function writeRedirects(ctx: BuildContext, only: ReadonlySet<string> | null): Promise<void> {
  // A full build looks at every migrated item; an incremental one only at those that changed.
  const ids = only ? [...only] : await ctx.store.items.importedIds();
  const batches = (async function* () {
    for (let i = 0; i < ids.length; i += 500) yield await ctx.store.items.byIds(ids.slice(i, i + 500), 'summary');
  })();
  // A post a rule hides has no page to lead to: its old link goes (and comes back with the post).
  const gone = new Set<string>();
  for await (const batch of batches) {
    const imported = batch.filter((i) => i.origin === 'import');
    if (imported.length === 0) continue;
    const notes = await ctx.store.items.importedFrontMatter(imported.map((i) => i.id));
    const shown = imported.filter((i) => !i.hiddenBy);
    const rels = await articleSlugs(ctx, shown);
    for (const i of imported) {
      const abbrlink = ABBRLINK.exec(notes.get(i.id) ?? '')?.[1];
      if (!abbrlink) continue;
      const rel = `p/${abbrlink}.html`;
      if (i.hiddenBy) gone.add(rel);
      else await writeFile(ctx, rel, ctx.render('redirect', { to: ctx.paths.href(rels.get(i.id)!), title: i.title, lang: ctx.site.language }));
    }
  }
  if (gone.size) await ctx.writer.remove((await ctx.out.list('p/')).filter((f) => gone.has(f.relPath)));
}
