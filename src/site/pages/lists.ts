import type { ItemCard, ItemCursor, ItemQuery, StoryReports } from '../../store/index.js';
import type { SourceNames } from '../../sources/index.js';
import { removeEmptyDir } from '../../shared/index.js';
import { pageKey, writePage, type BuildContext } from '../context.js';
import { fill } from '../i18n.js';
import { byDay, card, pageLinks } from '../model.js';
import { numbering } from '../numbering.js';
import { pageRel } from '../paths.js';
import { articleSlugs } from './articles.js';
import { editedPages } from './edited.js';
import { storyReports } from './stories.js';

export interface ListSpec {
  /** Folder of the list (`''` for the home page, `categories/…/`, `archives/…/`). */
  dir: string;
  filter: Omit<ItemQuery<'summary'>, 'fields' | 'limit' | 'after'>;
  total: number;
  heading: string;
  summary: string;
  /** The `<title>` of the first page; numbered pages add their number. */
  title: string;
  description: string;
  crumbs: Array<{ name: string; href: string }>;
  children: Array<{ name: string; href: string; items: number }>;
  feeds?: Array<{ type: string; title: string; href: string }>;
  names?: Partial<SourceNames>;
  /** The list's `list-keys` key, where items it lost from its old end are counted (`Retired`); none for a day. */
  key?: string;
}

/**
 * One list: its first page (the newest items) and its numbered pages, numbered from the oldest so a
 * numbered page keeps its items while new ones arrive, and (with `retired`, the items retention took
 * from the old end) while the oldest go. `from` is the oldest place in the list that changed since the
 * last build (null: every page; undefined: none, only the list's ends): the pages from there to the
 * newest are written, read newest first by keyset, and the lowest three when items left the old end,
 * read oldest first; below them, each page holding an item `edited` where it stood, read alone.
 * Numbered pages past either end that an earlier build wrote are removed.
 */
export async function writeList(ctx: BuildContext, spec: ListSpec, from: ItemCursor | null | undefined, edited: readonly ItemCursor[] = []): Promise<void> {
  const retired = spec.key === undefined ? { count: 0, grew: false } : { count: ctx.retired.count(spec.key), grew: ctx.retired.grew(spec.key) };
  const perPage = ctx.site.perPage;
  const filter = { ...spec.filter, stories: ctx.site.stories };
  const numbers = numbering(spec.total, retired.count, perPage);
  const { lowest, highest, span, pageOf } = numbers;
  // Numbered pages exist once the list is longer than its first page.
  const pages = spec.total > perPage ? highest : 0;
  const earlier = await numberedPages(ctx, spec.dir);
  const before = Math.max(0, ...earlier.map((f) => f.n));
  let first = lowest;
  if (from !== null) {
    // The changed place's rank: pages below it hold the same items as before. A page also links the two
    // above it and says whether it is the newest: when the number of pages changes, so do the top three.
    const changed = from === undefined ? pages + 1 : pageOf(await ctx.store.items.count({ ...filter, newer: from }));
    first = Math.max(lowest, pages === before ? changed : Math.min(changed, before - 2, pages - 2));
  }
  // The lowest page lost items, and it and the two above it link one page fewer below.
  const bottom = retired.grew ? Math.min(lowest + 2, first - 1, pages) : 0;
  if (bottom >= lowest && bottom + 1 >= first - 1) first = lowest;
  let upTo = 0;
  for (let n = pages; n >= first; n--) upTo += span(n);
  const items = listReader(ctx, filter, Math.max(perPage, upTo));
  // The first page and the newest numbered page both start at the list's newest item.
  await writeListPage(ctx, spec, null, pages, lowest, await items.peek(perPage));
  for (let n = pages; n >= first; n--) await writeListPage(ctx, spec, n, pages, lowest, await items.take(span(n)));
  if (first > lowest && bottom >= lowest) {
    let upToBottom = 0;
    for (let n = lowest; n <= bottom; n++) upToBottom += span(n);
    const oldest = listReader(ctx, { ...filter, oldestFirst: true }, upToBottom);
    for (let n = lowest; n <= bottom; n++) await writeListPage(ctx, spec, n, pages, lowest, (await oldest.take(span(n))).reverse());
  }
  // Below `first` no page moved: an edited item's page alone changes.
  const written = (n: number) => n >= first || (first > lowest && n <= bottom);
  await editedPages(ctx, filter, numbers, edited, (after, n) => listReader(ctx, filter, n, after).take(n), (l) => l.item.id, async (n, page) => {
    if (n >= lowest && n <= pages && !written(n)) await writeListPage(ctx, spec, n, pages, lowest, page);
  });
  const gone = earlier.filter((f) => f.n > pages || f.n < lowest);
  await ctx.writer.remove(gone);
  for (const f of gone) removeEmptyDir(ctx.site.out, f.relPath.slice(0, -'/index.html'.length));
}

/** Pages read from the store at a time: fewer, larger queries (a fifth less time reading a long list). */
const READ_PAGES = 10;

interface Listed {
  item: ItemCard;
  story: StoryReports | undefined;
}

/** A list's first `upTo` items (after `start`), newest first (or oldest first), read a few pages at a time with their stories' reports. */
function listReader(ctx: BuildContext, filter: ListSpec['filter'] & { oldestFirst?: boolean }, upTo: number, start: ItemCursor | null = null) {
  const held: Listed[] = [];
  let read = 0;
  let next: ItemCursor | null = start;
  let end = false;
  const readUpTo = async (n: number) => {
    while (held.length < n && !end) {
      const limit = Math.min(READ_PAGES * ctx.site.perPage, upTo - read);
      const page = await ctx.store.items.query({ ...filter, fields: 'card', limit, ...(filter.oldestFirst ? { newer: next ?? undefined } : { after: next }) });
      const reports = await storyReports(ctx, page.items);
      held.push(...page.items.map((item) => ({ item, story: item.storyId ? reports.get(item.storyId) : undefined })));
      read += page.items.length;
      next = page.next;
      end = next === null || read >= upTo;
    }
  };
  return {
    peek: async (n: number): Promise<Listed[]> => (await readUpTo(n), held.slice(0, n)),
    take: async (n: number): Promise<Listed[]> => (await readUpTo(n), held.splice(0, n)),
  };
}

async function writeListPage(ctx: BuildContext, spec: ListSpec, n: number | null, pages: number, lowest: number, listed: readonly Listed[]): Promise<void> {
  const { t, paths } = ctx;
  const rels = await articleSlugs(ctx, listed.map((l) => l.item));
  const cards = listed.map(({ item: i, story }) => ({
    card: card(i, rels.get(i.id)!, paths, ctx.clock, t, { listed: spec.names, thumbnails: ctx.site.images === 'copy', story }),
    day: ctx.clock.day(i.sortAt),
  }));
  const rel = pageRel(spec.dir, n);
  const title = n === null ? spec.title : `${spec.title} · ${fill(t.pageN, { n })}`;
  // A numbered page says nothing that changes with the list's newest items (its count, the sub-lists'
  // counts), so it stays as written until its own items change.
  const list = {
    ...spec,
    summary: n === null ? spec.summary : fill(t.pageN, { n }),
    children: n === null ? spec.children : [],
    days: byDay(cards, ctx.clock),
    pages: pageLinks(spec.dir, n, pages, paths, t.latest, lowest),
  };
  await writePage(ctx, pageKey(rel), 'list', { title, description: spec.description, rel, feeds: spec.feeds ?? [], names: spec.names ?? {}, image: cards.find((k) => k.card.image)?.card.image ?? null }, { list });
}

/** The numbered pages of a list that the last build left. */
async function numberedPages(ctx: BuildContext, dir: string) {
  const prefix = `${dir}page/`;
  return (await ctx.out.list(prefix)).flatMap((f) => {
    const m = /^(\d+)\/index\.html$/.exec(f.relPath.slice(prefix.length));
    return m ? [{ ...f, n: Number(m[1]) }] : [];
  });
}

/** Everything under a list that no longer has items (its pages, its sub-lists, its feeds). */
export async function removeList(ctx: BuildContext, dir: string): Promise<void> {
  await ctx.writer.remove((await ctx.out.list(dir)).filter((f) => f.itemId.startsWith('/')));
}
