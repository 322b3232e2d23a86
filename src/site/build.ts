import type { SiteSettings } from '../config/index.js';
import { type ItemPage, type ItemSummary, type Store, type StoredItem } from '../store/index.js';
import type { Source, SourceNames } from '../sources/index.js';
import { folderDoubt, markFolder, removeTempFiles, sha256Hex } from '../shared/index.js';
import { feedLinks, pageKey, writeFile, type BuildContext } from './context.js';
import { fill, stringsFor } from './i18n.js';
import { clock, listDir, tree, utcOffsetMinutes } from './model.js';
import { nameSlugs } from './names.js';
import { namesKey, namesOf, sitePaths } from './paths.js';
import { renderer } from './render.js';
import { loadTheme } from './theme.js';
import { siteWriter, type WriteCounts } from './writer.js';
import { crumbsOf, noteOf, sameNote, writeArticles, type ArticleJob, type ArticleNote } from './pages/articles.js';
import { removeList, writeList } from './pages/lists.js';
import { writeFeeds } from './pages/feeds.js';
import { dayDir, writeArchivesIndex, writeCategoriesIndex, writeNotFound, writeSourcesOpml, writeStatus } from './pages/indexes.js';
import { writeSitemap } from './pages/sitemap.js';
import { writeRedirects } from './pages/redirects.js';
import { writeSearchPage } from './pages/search.js';
import { writeSearch, type SearchResult } from './search/write.js';
import { syncThumbnails, type Thumbnails } from './pages/thumbs.js';
import { unpublished } from './disclosure.js';
import { tallyOf } from './tally.js';
import { changed, editedIn, fromOf, newestIn, pagesFrom, prunedArticles, type Dirty } from './dirty.js';
import { retiredFromLists } from './retired.js';
import { ARTICLES, dayKey, HOME, levelKey, type Level } from './list-keys.js';

/** The name of the site's manifest and state in the store. */
export const SITE_OUTPUT = 'site';
/** Bump when Broadsheet's page logic changes, so the next build rebuilds every page. */
const LOGIC_VERSION = '6';
const READ = 500;
const FEED_ITEMS = 50;
const CATEGORY_FEED_ITEMS = 30;
/** The newest file is read and written again by each build with new items (5,000 a file read 1,575, 25 ms, at 1,500). */
const SITEMAP_PER_FILE = 1_000;

export interface BuildOptions {
  /** Build every page (and check every file is on disk), not only what changed. */
  full?: boolean;
  /** The configured sources: the sources page and OPML list only these. */
  sources?: readonly Source[];
  now?: Date;
  /** Seal the search's recent tier into its archive. */
  searchArchive?: boolean;
  /** The RSSHub instances' base URLs: the published pages name routes as `rsshub://…`, never their hosts. */
  rsshubInstances?: readonly string[];
  /** Each configured source's public address, where it has one (`publicUrl`): what `sources.opml` and `status.json` may name. */
  publicUrls?: ReadonlyMap<string, string>;
  /** The thumbnails `run` made, under `site.images: copy`: copied into the site's `thumbs/`. */
  thumbnails?: Thumbnails;
  /** Articles per `sitemap-N.xml` (5,000; tests ask for fewer). */
  sitemapPerFile?: number;
}

export interface BuildResult extends WriteCounts {
  full: boolean;
  /** Why this build could not trust its folder and checked every page (a fresh runner, a deleted folder), said in one line. */
  notice: string | null;
  /** Article pages rendered in this build. */
  articles: number;
  /** Search tiers in the index, and how many of them (and of their documents) this build indexed. */
  search: SearchResult | null;
}

/**
 * Build the site from the store into `site.out`. Incremental: it renders the items changed since the
 * last build, the neighbours whose previous / next links moved, and the lists, days and feeds they
 * are in; anything that would change every page (templates, settings, the tree of names) makes a full
 * build. Every page is a function of the store alone, so the result equals a full rebuild byte for
 * byte. Files are written whole (temp + rename), referenced files before the pages that link them.
 */
export async function buildSite(store: Store, site: SiteSettings, o: BuildOptions = {}): Promise<BuildResult> {
  const now = o.now ?? new Date();
  const out = store.outputs(SITE_OUTPUT);
  const theme = loadTheme(site.theme);
  const paths = sitePaths(site.url);
  const upTo = await store.items.lastSeq();
  const known = await store.sources.all();
  const sourceNames = new Map(known.map((h) => [h.sourceId, h]));
  const { counts, days, articles: articleCount, removed } = await tallyOf(store, out, { seq: upTo, stories: site.stories, offset: utcOffsetMinutes(site.timezone, now), fresh: o.full === true, sourceNames });
  const configured = o.sources && new Set(o.sources.map((s) => s.id));
  const health = known.filter((h) => !configured || configured.has(h.sourceId));
  const slugs = await nameSlugs(out, [...counts.channels, ...health]);
  // Where the folder and the theme lie shows on no page: a moved project is not built whole for it.
  const fingerprint = sha256Hex(JSON.stringify([LOGIC_VERSION, theme.fingerprint, { ...site, out: null, theme: null }, counts.channels.map(namesKey)]));
  const state = await out.values(['fingerprint', 'building']);
  // A folder that is not the one the manifest describes gets every page checked on disk and written.
  const doubt = o.full === true ? null : await folderDoubt(site.out, SITE_OUTPUT, out);
  const verify = o.full === true || doubt !== null;
  const full = verify || state.get('fingerprint') !== fingerprint;
  const synced = await out.synced();
  const recover = state.get('building') === '1';
  // A build that was killed may have left temp files anywhere: only then is the whole tree walked.
  if (recover) removeTempFiles(site.out);
  await out.setValues(new Map([['building', '1']]));
  const t = stringsFor(site.language);
  const listed = tree(counts, slugs, paths);
  const retired = await retiredFromLists({ store, out, stories: site.stories, tree: listed, removed });
  const ctx: BuildContext = {
    site, store, out, theme, render: renderer(theme), paths, t, clock: clock(site), slugs, tree: listed, retired,
    // Only a full build asked for, a folder in doubt, or the build after a killed one (which may have
    // removed a file and died before forgetting it) checks that every file it writes is on disk (one
    // stat each); a full build caused by a change of templates or names trusts the manifest.
    // After a killed build a file may hold what it wrote and never recorded: every page made is written.
    writer: siteWriter(out, site.out, { verify: verify || recover, threaded: full, rewrite: recover }), written: new Set(), articleRels: new Map(),
    sourceNames,
    unpublished: unpublished(o.rsshubInstances),
    publicUrls: site.private ? new Map() : (o.publicUrls ?? new Map()),
  };

  try {
    for (const [name, a] of theme.assets) await writeFile(ctx, a.rel, a.bytes, pageKey(`asset:${name}`));
    // Pictures before the pages that show them.
    if (site.images === 'copy' && o.thumbnails) await syncThumbnails(ctx, o.thumbnails, verify);

    const dirty = full ? null : await changed(ctx, synced, retired);
    // The search is built beside the pages: its worker thread tokenizes while this one renders.
    const searching = site.search ? writeSearch(ctx, { since: synced, full: verify, archive: o.searchArchive === true, recover, left: dirty ? dirty.left : null, gone: dirty ? dirty.gone : null }) : Promise.resolve(null);
    const [pages, search] = await Promise.allSettled([writePages(ctx, { channels: counts.channels, days, articleCount, health, now, upTo, dirty, sitemapPerFile: o.sitemapPerFile ?? SITEMAP_PER_FILE }), searching]);
    if (pages.status === 'rejected') throw pages.reason;
    if (search.status === 'rejected') throw search.reason;
    if (site.search) await writeSearchPage(ctx);
    await removeLeftovers(ctx, full, synced);
    await ctx.writer.flush();
    await out.setValues(new Map([['fingerprint', fingerprint], ['building', '0']]));
    await out.markSynced(upTo);
    await markFolder(site.out, SITE_OUTPUT, out, upTo);
    return { ...ctx.writer.result(), full, notice: doubt && `${doubt}: every page checked and written`, articles: pages.value, search: search.value };
  } finally {
    await ctx.writer.close();
  }
}

interface PagesInput {
  channels: Parameters<typeof writeNameLists>[1];
  days: ReadonlyArray<{ day: string; items: number }>;
  articleCount: number;
  health: Parameters<typeof writeStatus>[1];
  now: Date;
  upTo: number;
  dirty: Dirty | null;
  sitemapPerFile: number;
}

/** Every page but the search's: articles, lists, feeds, sitemap, indexes. Returns how many articles it rendered. */
async function writePages(ctx: BuildContext, { channels, days, articleCount, health, now, upTo, dirty, sitemapPerFile }: PagesInput): Promise<number> {
  const { site, t } = ctx;
  const articles = await writeArticlePages(ctx, channels, dirty);
  const names = await writeNameLists(ctx, channels, dirty);
  await writeDayLists(ctx, days, dirty);
  if (!dirty || dirty.any) {
    await writeList(ctx, {
      dir: '', filter: {}, total: ctx.tree.total, heading: t.latest, summary: fill(t.itemsCount, { n: ctx.tree.total }), title: site.title,
      description: site.description ?? site.title, crumbs: [], children: ctx.tree.categories.map((c) => ({ name: c.name, href: c.href, items: c.items })), key: HOME,
    }, pagesFrom(dirty, HOME), editedIn(dirty, HOME));
    await writeFeeds(ctx, { dir: '', title: site.title, filter: {}, limit: FEED_ITEMS }, newestIn(dirty, HOME));
    await writeSitemap(ctx, { lists: ['index.html', ...names], articles: articleCount, perFile: sitemapPerFile }, pagesFrom(dirty, ARTICLES), editedIn(dirty, ARTICLES));
  }
  await writeCategoriesIndex(ctx);
  await writeArchivesIndex(ctx, days);
  await writeStatus(ctx, health, now, upTo);
  await writeSourcesOpml(ctx, health);
  await writeNotFound(ctx);
  await writeRedirects(ctx, dirty?.items ?? null);
  return articles;
}

/**
 * Article pages, channel by channel in reading order: an item is rendered when it changed, or when its
 * newer or older neighbour in the channel is not the one its page shows.
 */
async function writeArticlePages(ctx: BuildContext, counts: readonly SourceNames[], dirty: Dirty | null): Promise<number> {
  const channels = dirty ? [...dirty.channels].map(namesOf).filter((n) => counts.some((c) => namesKey(c) === namesKey(n))) : counts;
  let rendered = 0;
  const batch: ArticleJob[] = [];
  // A full build renders every article: read them with their bodies in the channel pass itself.
  const fields = dirty ? 'summary' : 'full';
  const flush = async () => {
    const notes = await writeArticles(ctx, batch.splice(0));
    // Pages on disk before their notes: a note never claims a page that was not written.
    await ctx.writer.flush();
    await ctx.out.setNotes(notes);
  };
  for (const n of channels) {
    let after: { sortAt: string; id: string } | null = null;
    let window: ItemSummary[] = [];
    const consider = async (newer: ItemSummary | null, item: ItemSummary, older: ItemSummary | null, stored: ReadonlyMap<string, string>) => {
      const want: ArticleNote = { names: namesKey(item.names), day: ctx.clock.day(item.sortAt), newer: newer?.id ?? null, older: older?.id ?? null };
      // A page shows its neighbours' titles: it changes with them.
      const touched = [item, newer, older].some((x) => x !== null && dirty?.items.has(x.id));
      if (dirty && !touched && sameNote(noteOf(stored.get(item.id)), want)) return;
      batch.push({ id: item.id, newer, older, ...('html' in item ? { item: item as StoredItem } : {}) });
      rendered++;
      if (batch.length >= 100) await flush();
    };
    let stored = new Map<string, string>();
    let prev: ItemSummary | null = null;
    // Articles older than the oldest place that changed keep their neighbours: the walk stops one past it.
    const stop = dirty ? fromOf(dirty, namesKey(n)) : null;
    let passed = false;
    let limit = dirty ? 50 : READ;
    do {
      // Neighbours in the owner's channel: a story carried elsewhere has one article, under its owner.
      const page: ItemPage<ItemSummary> = await ctx.store.items.query({ ...n, ownedOnly: true, fields, limit, after });
      after = page.next;
      limit = Math.min(limit * 4, READ);
      window = [...window, ...page.items];
      if (dirty) stored = await ctx.out.notes(window.map((i) => i.id));
      // Every item but the last of the window has its older neighbour here.
      for (let k = 0; k + 1 < window.length && !passed; k++) {
        await consider(prev, window[k]!, window[k + 1]!, stored);
        prev = window[k]!;
        passed = stop !== null && (prev.sortAt < stop.sortAt || (prev.sortAt === stop.sortAt && prev.id < stop.id));
      }
      window = window.slice(-1);
    } while (after && !passed);
    if (window[0] && !passed) await consider(prev, window[0], null, stored);
  }
  await flush();
  return rendered;
}

/** Category, site and channel lists, each with its category's feeds; lists that lost every item go. */
async function writeNameLists(ctx: BuildContext, counts: readonly SourceNames[] & ReadonlyArray<{ items: number }>, dirty: Dirty | null): Promise<string[]> {
  const { t, site, paths } = ctx;
  const firstPages: string[] = [];
  const touched = dirty ? [...dirty.channels].map(namesOf) : counts;
  const wanted = (level: Level) => !dirty || dirty.from.has(levelKey(level));
  const from = (level: Level) => [pagesFrom(dirty, levelKey(level)), editedIn(dirty, levelKey(level))] as const;
  for (const c of ctx.tree.categories) {
    firstPages.push(`${listDir(ctx.slugs, { category: c.name })}index.html`);
    for (const s of c.sites) {
      firstPages.push(`${listDir(ctx.slugs, { category: c.name, site: s.name })}index.html`);
      for (const ch of s.channels) firstPages.push(`${listDir(ctx.slugs, { category: c.name, site: s.name, channel: ch.name })}index.html`);
    }
  }
  for (const c of ctx.tree.categories) {
    const cat = { category: c.name };
    const catDir = listDir(ctx.slugs, cat);
    const feeds = feedLinks(paths, catDir, c.name);
    if (wanted(cat)) {
      await writeList(ctx, { dir: catDir, filter: cat, total: c.items, heading: c.name, summary: fill(t.itemsCount, { n: c.items }), title: `${c.name} · ${site.title}`, description: `${c.name} · ${site.title}`, crumbs: [], children: c.sites, feeds, names: cat, key: levelKey(cat) }, ...from(cat));
      await writeFeeds(ctx, { dir: catDir, title: `${c.name} · ${site.title}`, filter: cat, limit: CATEGORY_FEED_ITEMS }, newestIn(dirty, levelKey(cat)));
    }
    for (const s of c.sites) {
      const sn = { category: c.name, site: s.name };
      if (wanted(sn)) {
        await writeList(ctx, { dir: listDir(ctx.slugs, sn), filter: sn, total: s.items, heading: s.name, summary: fill(t.itemsCount, { n: s.items }), title: `${s.name} · ${site.title}`, description: `${c.name} › ${s.name}`, crumbs: crumbsOf(ctx, cat), children: s.channels.length > 1 ? s.channels : [], feeds, names: sn, key: levelKey(sn) }, ...from(sn));
      }
      for (const ch of s.channels) {
        const n = { category: c.name, site: s.name, channel: ch.name };
        if (!wanted(n)) continue;
        await writeList(ctx, { dir: listDir(ctx.slugs, n), filter: n, total: ch.items, heading: `${s.name} · ${ch.name}`, summary: fill(t.itemsCount, { n: ch.items }), title: `${s.name} · ${ch.name} · ${site.title}`, description: `${c.name} › ${s.name} › ${ch.name}`, crumbs: crumbsOf(ctx, sn), children: [], feeds, names: n, key: levelKey(n) }, ...from(n));
      }
    }
  }
  // Names whose items are all gone (their tree entry is gone too).
  if (dirty) {
    const slugs = await nameSlugs(ctx.out, touched);
    for (const n of touched) {
      if (ctx.tree.byKey.has(namesKey(n))) continue;
      const siteLeft = ctx.tree.categories.find((c) => c.name === n.category)?.sites.find((s) => s.name === n.site);
      const catLeft = ctx.tree.categories.some((c) => c.name === n.category);
      await removeList(ctx, listDir(slugs, !catLeft ? { category: n.category } : !siteLeft ? { category: n.category, site: n.site } : n));
    }
  }
  return firstPages;
}

/** One list per day; days that lost every item go. */
async function writeDayLists(ctx: BuildContext, days: ReadonlyArray<{ day: string; items: number }>, dirty: Dirty | null): Promise<void> {
  const offset = (day: string) => utcOffsetMinutes(ctx.site.timezone, new Date(`${day}T12:00:00Z`));
  const startOf = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - offset(day) * 60_000).toISOString();
  const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const present = new Map(days.map((d) => [d.day, d.items]));
  for (const day of dirty ? dirty.days : present.keys()) {
    const items = present.get(day);
    if (items === undefined) {
      await removeList(ctx, dayDir(day));
      continue;
    }
    const label = ctx.clock.dayLabel(day);
    await writeList(ctx, {
      dir: dayDir(day), filter: { since: startOf(day), until: startOf(nextDay(day)) }, total: items, heading: label, summary: fill(ctx.t.itemsCount, { n: items }),
      title: `${label} · ${ctx.site.title}`, description: `${ctx.t.archives} · ${label}`, crumbs: [{ name: ctx.t.archives, href: ctx.paths.href('archives/index.html') }], children: [],
    }, pagesFrom(dirty, dayKey(day)), editedIn(dirty, dayKey(day)));
  }
}

/** Files of pruned items, and (in a full build) every other page this build did not write: old assets, renamed lists. */
async function removeLeftovers(ctx: BuildContext, full: boolean, synced: number): Promise<void> {
  await ctx.writer.remove(await prunedArticles(ctx, full ? undefined : synced));
  const prefixes = full ? ['assets/', 'categories/', 'archives/', 'page/', 'sitemap-'] : ['assets/'];
  for (const prefix of prefixes) {
    await ctx.writer.flush();
    await ctx.writer.remove((await ctx.out.list(prefix)).filter((f) => f.itemId.startsWith('/') && !ctx.written.has(f.itemId)));
  }
}
