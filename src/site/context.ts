import type { SiteSettings } from '../config/index.js';
import type { OutputPart, Store } from '../store/index.js';
import type { Strings } from './i18n.js';
import type { Clock, NameSlugs, Tree } from './model.js';
import type { SitePaths } from './paths.js';
import type { Render } from './render.js';
import type { Theme } from './theme.js';
import type { SourceNames } from '../sources/index.js';
import type { siteWriter } from './writer.js';

/** Everything one build shares: settings, the store, the theme, the names' paths and the writer. */
import type { Retired } from './retired.js';

export interface BuildContext {
  site: SiteSettings;
  store: Store;
  out: OutputPart;
  theme: Theme;
  render: Render;
  paths: SitePaths;
  t: Strings;
  clock: Clock;
  slugs: NameSlugs;
  tree: Tree;
  writer: ReturnType<typeof siteWriter>;
  /** The address a reader may subscribe to, by source id: only sources that have one to publish (see `publicUrl`). */
  publicUrls: ReadonlyMap<string, string>;
  /** Keys of the non-article files written by this build (a full build removes the others). */
  written: Set<string>;
  /** Article paths already asked for in this build, by item id. */
  articleRels: Map<string, string>;
  /** The names of every source the store knows, configured or not: a story may have been carried by one no longer configured. */
  sourceNames: ReadonlyMap<string, SourceNames>;
  /** Text for a published page: the RSSHub instance's host written as `rsshub:/`. */
  unpublished: (text: string) => string;
  /** Items each list lost from its old end: where its numbered pages start. */
  retired: Retired;
}

export interface PageMeta {
  title: string;
  description: string;
  /** Path of the page in the site. */
  rel: string;
  image?: string | null;
  ogType?: string;
  /** Category feeds beside the site's. */
  feeds?: Array<{ type: string; title: string; href: string }>;
  /** Where the page sits in the tree: the sidebar opens that category and site. */
  names?: Partial<SourceNames>;
}

/** Render a page inside the layout and hand it to the writer under its path. */
export async function writePage(ctx: BuildContext, key: string, template: string, meta: PageMeta, data: object): Promise<void> {
  const { paths, site, t } = ctx;
  const feeds = [...feedLinks(paths, '', site.title), ...(meta.feeds ?? [])];
  const html = ctx.render(template, {
    ...data,
    t,
    site: siteView(ctx),
    page: { title: meta.title, description: meta.description, canonical: paths.absolute(meta.rel), image: meta.image ?? null, ogType: meta.ogType, feeds, current: paths.href(meta.rel), names: meta.names ?? {} },
  });
  return key.startsWith('/') ? writeFile(ctx, meta.rel, html) : ctx.writer.add(key, meta.rel, html);
}

/** A file that shows no single item (list, feed, index, asset), recorded as written by this build. */
export async function writeFile(ctx: BuildContext, rel: string, content: string | Uint8Array, key: string = pageKey(rel)): Promise<void> {
  ctx.written.add(key);
  await ctx.writer.add(key, rel, content);
}

/** The three output feeds of a list folder, as `<link rel="alternate">` entries. */
export const feedLinks = (paths: SitePaths, dir: string, title: string): Array<{ type: string; title: string; href: string }> => [
  { type: 'application/atom+xml', title: `${title} (Atom)`, href: paths.href(`${dir}atom.xml`) },
  { type: 'application/rss+xml', title: `${title} (RSS)`, href: paths.href(`${dir}rss.xml`) },
  { type: 'application/feed+json', title: `${title} (JSON Feed)`, href: paths.href(`${dir}feed.json`) },
];

let cached: { ctx: BuildContext; view: object } | null = null;
function siteView(ctx: BuildContext): object {
  if (cached?.ctx === ctx) return cached.view;
  const { paths, site, theme } = ctx;
  const asset = (name: string) => paths.href(theme.assets.get(name)?.rel ?? `assets/${name}`);
  const view = {
    title: site.title,
    lang: site.language,
    timeZone: site.timezone,
    home: paths.href('index.html'),
    assets: { css: asset('site.css'), js: asset('site.js'), boot: asset('boot.js'), favicon: asset('favicon.svg'), search: asset('search.js') },
    search: site.search ? paths.href('search/index.html') : null,
    links: {
      categories: paths.href('categories/index.html'), archives: paths.href('archives/index.html'), status: paths.href('status/index.html'),
      atom: paths.href('atom.xml'), rss: paths.href('rss.xml'), json: paths.href('feed.json'), opml: paths.href('sources.opml'),
    },
    tree: ctx.tree.categories,
  };
  cached = { ctx, view };
  return view;
}

/** Key of a page that shows no single item. */
export const pageKey = (rel: string): string => `/${rel}`;
