import type { ItemSummary, StoredItem } from '../../store/index.js';
import type { SourceNames } from '../../sources/index.js';
import { writePage, type BuildContext } from '../context.js';
import { listDir } from '../model.js';
import { namesKey } from '../paths.js';
import { articleHtml } from '../article-html.js';
import { webUrl } from '../../shared/index.js';
import { textShorterThan } from '../../feed/index.js';
import { fill } from '../i18n.js';
import { otherReports, storyReports } from './stories.js';

/** An article with less text than this is a brief: its page ends with a clear way to the original. */
const BRIEF_CHARS = 140;

/** `p/<slug>.html`: the slug is the first 12 hex digits of the item id, longer only where another item holds them. */
export async function articleSlugs(ctx: BuildContext, items: readonly { id: string }[]): Promise<Map<string, string>> {
  // A slug never changes once given: asked once per build (list pages ask for the same items again and again).
  const unknown = items.filter((i) => !ctx.articleRels.has(i.id));
  if (unknown.length) {
    const slugs = await ctx.out.slugs('p', new Map(unknown.map((i) => [i.id, [12, 16, 24, 64].map((n) => i.id.slice(0, n))])));
    for (const [id, slug] of slugs) ctx.articleRels.set(id, `p/${slug}.html`);
  }
  return new Map(items.map((i) => [i.id, ctx.articleRels.get(i.id)!]));
}

/** What an article page shows of its neighbours; stored as its note, so a later build knows when they changed. */
export interface ArticleNote {
  names: string;
  /** Every channel the item is listed in (its carriers'), so a later build finds the lists it leaves. */
  places?: string[];
  day: string;
  /** Its `sortAt`: where it stood in its lists, so a later build knows which of their pages it leaves. */
  at?: string;
  /** Its story (null: none): with its place and lists the same, an edit leaves every other item where it stood. */
  story?: string | null;
  newer: string | null;
  older: string | null;
}

/** The channels an item is listed in: its owner's and every carrier's, as name keys. */
export const placesOf = (ctx: Pick<BuildContext, 'sourceNames'>, item: Pick<ItemSummary, 'names' | 'sourceIds'>): string[] => [
  ...new Set([namesKey(item.names), ...item.sourceIds.flatMap((id) => { const n = ctx.sourceNames.get(id); return n ? [namesKey(n)] : []; })]),
];
export const noteOf = (text: string | undefined): ArticleNote | null => (text ? (JSON.parse(text) as ArticleNote) : null);
export const sameNote = (a: ArticleNote | null, b: ArticleNote): boolean => a !== null && a.names === b.names && a.day === b.day && a.newer === b.newer && a.older === b.older;

export interface Neighbours {
  newer: ItemSummary | null;
  older: ItemSummary | null;
}

/** An article to write: its id, the item itself when already read with its body, its neighbours. */
export type ArticleJob = { id: string; item?: StoredItem } & Neighbours;

/** One batch of article pages: bodies read by id, neighbours and sources named. */
export async function writeArticles(ctx: BuildContext, batch: readonly ArticleJob[]): Promise<Map<string, string>> {
  const { paths, clock, slugs, t, sourceNames } = ctx;
  const read = batch.flatMap((b) => (b.item ? [b.item] : []));
  const items = [...read, ...(await ctx.store.items.byIds(batch.filter((b) => !b.item).map((b) => b.id), 'full'))];
  const reports = await storyReports(ctx, items);
  const rels = await articleSlugs(ctx, [...items, ...batch.flatMap((b) => [b.newer, b.older].filter((x): x is ItemSummary => x !== null)), ...[...reports.values()].flatMap((r) => r.first)]);
  const byId = new Map(items.map((i) => [i.id, i]));
  const notes = new Map<string, string>();
  for (const b of batch) {
    const item = byId.get(b.id);
    if (!item) continue;
    const rel = rels.get(item.id)!;
    const link = (n: ItemSummary | null) => (n ? { title: n.title, href: paths.href(rels.get(n.id)!) } : null);
    const also = item.sourceIds.slice(1).flatMap((id) => {
      const n = sourceNames.get(id);
      // Only names that have a list page: a carrier no longer configured may have none.
      return n && ctx.tree.byKey.has(namesKey(n)) ? [{ name: `${n.site} · ${n.channel}`, href: paths.href(`${listDir(slugs, n)}index.html`) }] : [];
    });
    const article = {
      title: item.title,
      author: item.author,
      iso: item.sortAt,
      time: item.publishedAt === null ? fill(ctx.t.seenAt, { t: clock.long(item.sortAt) }) : clock.long(item.sortAt),
      undated: item.publishedAt === null,
      original: webUrl(item.link),
      html: articleHtml(item.html),
      // A title or a two-line summary (微博热搜, 财新): the page leads the reader on to the original.
      brief: textShorterThan(item.html, BRIEF_CHARS),
      source: `${item.names.site} · ${item.names.channel}`,
      crumbs: crumbsOf(ctx, item.names),
      next: link(b.newer),
      prev: link(b.older),
      also,
      reports: otherReports(ctx, item, item.storyId ? reports.get(item.storyId) : undefined, rels),
    };
    await writePage(ctx, item.id, 'article', { title: `${item.title} · ${item.names.site}`, description: item.excerpt || item.title, rel, image: webUrl(item.image), ogType: 'article', names: item.names }, { article, t });
    notes.set(item.id, JSON.stringify({ names: namesKey(item.names), places: placesOf(ctx, item), day: clock.day(item.sortAt), at: item.sortAt, story: item.storyId, newer: b.newer?.id ?? null, older: b.older?.id ?? null } satisfies ArticleNote));
  }
  return notes;
}

type Crumbs = Array<{ name: string; href: string }>;
/** A build's crumbs by the names they lead to: as many as the config has lists, asked once per article. */
const crumbsMade = new WeakMap<BuildContext, Map<string, Crumbs>>();

export function crumbsOf(ctx: BuildContext, n: Partial<SourceNames> & { category: string }): Crumbs {
  const made = crumbsMade.get(ctx) ?? crumbsMade.set(ctx, new Map()).get(ctx)!;
  const key = JSON.stringify(n.site === undefined ? [n.category] : n.channel === undefined ? [n.category, n.site] : [n.category, n.site, n.channel]);
  return made.get(key) ?? made.set(key, crumbsFor(ctx, n)).get(key)!;
}

function crumbsFor(ctx: BuildContext, n: Partial<SourceNames> & { category: string }): Crumbs {
  const href = (x: Partial<SourceNames> & { category: string }) => ctx.paths.href(`${listDir(ctx.slugs, x)}index.html`);
  const crumbs = [{ name: n.category, href: href({ category: n.category }) }];
  if (n.site !== undefined) crumbs.push({ name: n.site, href: href({ category: n.category, site: n.site }) });
  if (n.site !== undefined && n.channel !== undefined) crumbs.push({ name: n.channel, href: href(n) });
  return crumbs;
}

