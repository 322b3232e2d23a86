import type { ItemPage, ItemQuery, ItemSummary } from '../../store/index.js';
import type { SourceNames } from '../../sources/index.js';
import { pageKey, writePage, type BuildContext } from '../context.js';
import { fill } from '../i18n.js';
import { byDay, card, pageLinks } from '../model.js';
import { pageRel } from '../paths.js';
import { articleSlugs } from './articles.js';
import { storyReports } from './stories.js';

export interface ListSpec {
  /** Folder of the list (`''` for the home page, `categories/…/`, `archives/…/`). */
  dir: string;
  filter: Omit<ItemQuery<'summary'>, 'fields' | 'limit' | 'after'>;
  total: number;
  heading: string;
  summary: string;
  /** The `<title>` of the first page; later pages add their number. */
  title: string;
  description: string;
  crumbs: Array<{ name: string; href: string }>;
  children: Array<{ name: string; href: string; items: number }>;
  feeds?: Array<{ type: string; title: string; href: string }>;
  names?: Partial<SourceNames>;
}

/**
 * Every page of one list, newest first, read from the store one page at a time by keyset; pages
 * past the end that an earlier build wrote are removed.
 */
export async function writeList(ctx: BuildContext, spec: ListSpec): Promise<void> {
  const { site, store, paths, t } = ctx;
  const pages = Math.max(1, Math.ceil(spec.total / site.perPage));
  let after: ItemQuery<'summary'>['after'] = null;
  for (let n = 1; n <= pages; n++) {
    const page: ItemPage<ItemSummary> = await store.items.query({ ...spec.filter, stories: site.stories, fields: 'summary', limit: site.perPage, after });
    after = page.next;
    const rels = await articleSlugs(ctx, page.items);
    const reports = await storyReports(ctx, page.items);
    const cards = page.items.map((i: ItemSummary) => ({
      card: card(i, rels.get(i.id)!, paths, ctx.clock, ctx.t, { listed: spec.names, thumbnails: ctx.site.images === 'copy', reports: i.storyId ? reports.get(i.storyId) ?? [] : [] }),
      day: ctx.clock.day(i.sortAt),
    }));
    const rel = pageRel(spec.dir, n);
    const title = n === 1 ? spec.title : `${spec.title} · ${fill(t.pageN, { n })}`;
    // Page 2 and on say where they are: a reader arriving there sees it is not the newest.
    const list = { ...spec, summary: n > 1 ? `${spec.summary} · ${fill(t.pageOfN, { n, total: pages })}` : spec.summary, days: byDay(cards, ctx.clock), pages: pageLinks(spec.dir, n, pages, paths) };
    await writePage(ctx, pageKey(rel), 'list', { title, description: spec.description, rel, feeds: spec.feeds ?? [], names: spec.names ?? {}, image: cards.find((k) => k.card.image)?.card.image ?? null }, { list });
    if (!page.next) break;
  }
  await removeStalePages(ctx, spec.dir, pages);
}

/** Pages `N > pages` of a list that shrank. */
async function removeStalePages(ctx: BuildContext, dir: string, pages: number): Promise<void> {
  const prefix = `${dir}page/`;
  const stale = (await ctx.out.list(prefix)).filter((f) => {
    const m = /^(\d+)\/index\.html$/.exec(f.relPath.slice(prefix.length));
    return m !== null && Number(m[1]) > pages;
  });
  await ctx.writer.remove(stale);
}

/** Everything under a list that no longer has items (its pages, its sub-lists, its feeds). */
export async function removeList(ctx: BuildContext, dir: string): Promise<void> {
  await ctx.writer.remove((await ctx.out.list(dir)).filter((f) => f.itemId.startsWith('/')));
}
