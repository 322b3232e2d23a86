import { Feed } from 'feed';
import type { ItemCursor, StoredItem } from '../../store/index.js';
import { writeFile, type BuildContext } from '../context.js';
import { escapeUTF8 } from 'entities';
import { xmlText, webUrl } from '../../shared/index.js';
import { articleSlugs } from './articles.js';
import { storyReports } from './stories.js';
import { oldestFirst } from '../list-keys.js';

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml' };
/** A picture's MIME type from its address's extension, or null when it names none. */
const imageType = (url: string): string | null => IMAGE_TYPES[/\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? ''] ?? null;

/** The most of an item's HTML an output feed carries; a longer article is its excerpt and a link (50 items stay a few MB). */
const FEED_ITEM_CHARS = 100_000;

export interface FeedSpec {
  /** Folder the three files go in (`''` or `categories/<cat>/`). */
  dir: string;
  title: string;
  filter: { category?: string };
  limit: number;
}

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest items of a list: absolute URLs, sanitized content.
 * `changed` is the newest place in the list that changed since the files were written (`newestIn`):
 * when the feeds' whole window lies above it, they are as they were and are not made again.
 */
export async function writeFeeds(ctx: BuildContext, spec: FeedSpec, changed: ItemCursor | null | undefined): Promise<void> {
  const { paths, site } = ctx;
  if (changed !== null) {
    // A full window: an item gone from below it would otherwise have left room for one more.
    const top = (await ctx.store.items.query({ ...spec.filter, stories: site.stories, fields: 'place', limit: spec.limit })).items;
    if (changed === undefined || (top.length === spec.limit && oldestFirst(changed, top.at(-1)!) < 0)) return;
  }
  // Items stored before normalizing removed what XML forbids: one such character makes a whole feed unreadable.
  const items = (await ctx.store.items.query({ ...spec.filter, stories: site.stories, fields: 'full', limit: spec.limit })).items.map((i) => ({
    ...i, title: xmlText(i.title), excerpt: xmlText(i.excerpt), html: xmlText(i.html) as StoredItem['html'], author: i.author && xmlText(i.author),
  }));
  const rels = await articleSlugs(ctx, items);
  const reports = await storyReports(ctx, items);
  const home = paths.absolute(`${spec.dir}index.html`);
  const link = (i: StoredItem) => paths.absolute(rels.get(i.id)!);
  const content = (i: StoredItem): string =>
    i.html.length <= FEED_ITEM_CHARS ? i.html : `<p>${escapeUTF8(i.excerpt)}</p><p><a href="${escapeUTF8(link(i))}">${escapeUTF8(ctx.t.wholeArticle)}</a></p>`;
  // The feeds say when they last changed: the newest change among their items, never the build time.
  const updated = new Date(items.reduce((m, i) => (i.updatedAt > m ? i.updatedAt : m), '1970-01-01T00:00:00.000Z'));
  // Atom and RSS each as its validator wants them (issue 27: 648 errors in 10 feeds), from one list of items.
  const feedOf = (format: 'atom' | 'rss'): Feed => {
    const feed = new Feed({
      title: spec.title,
      id: home,
      link: home,
      language: site.language,
      updated,
      generator: 'Broadsheet',
      copyright: '',
      // Atom wants an author for every entry: the site's, where the item names none.
      author: { name: site.title },
      ...(site.description ? { description: site.description } : {}),
      feedLinks: { atom: paths.absolute(`${spec.dir}atom.xml`), rss: paths.absolute(`${spec.dir}rss.xml`), json: paths.absolute(`${spec.dir}feed.json`) },
    });
    for (const i of items) {
      const image = webUrl(i.image);
      const type = image ? imageType(image) : null;
      feed.addItem({
        title: i.title,
        id: link(i),
        link: link(i),
        date: new Date(i.sortAt),
        description: i.excerpt,
        content: content(i),
        // Atom: a category is its term (a label alone is invalid); RSS: its text.
        category: [i.names.category, i.names.site, i.names.channel].map((name) => ({ name, term: name })),
        // RSS's <author> is an e-mail address: a name goes in dc:creator. Atom's <author> takes a name.
        ...(i.author ? (format === 'atom' ? { author: [{ name: i.author }] } : { extensions: [{ name: 'dc:creator', objects: { _text: i.author } }] }) : {}),
        // An enclosure needs a real MIME type: only pictures whose type the address says, and in RSS only
        // (the Atom writer derives a type of its own from any extension).
        ...(image && type && format === 'rss' ? { image: { url: image, type } } : {}),
      });
    }
    return feed;
  };
  const json = {
    version: 'https://jsonfeed.org/version/1.1',
    title: spec.title,
    home_page_url: home,
    feed_url: paths.absolute(`${spec.dir}feed.json`),
    language: site.language,
    ...(site.description ? { description: site.description } : {}),
    items: items.map((i) => {
      const image = webUrl(i.image);
      const original = webUrl(i.link);
      return {
        id: link(i),
        url: link(i),
        ...(original ? { external_url: original } : {}),
        title: i.title,
        content_html: content(i),
        summary: i.excerpt,
        ...(image ? { image } : {}),
        date_published: i.sortAt,
        date_modified: i.updatedAt,
        ...(i.author ? { authors: [{ name: i.author }] } : {}),
        tags: [i.names.category, i.names.site, i.names.channel],
        // The story this report leads (issue 23): its id and the sources that reported it, first report first.
        ...(site.stories && i.storyId ? { _broadsheet: { story: i.storyId, sources: (reports.get(i.storyId)?.first ?? [i]).map((r) => `${r.names.site} · ${r.names.channel}`) } } : {}),
      };
    }),
  };
  for (const [name, body] of [['atom.xml', feedOf('atom').atom1()], ['rss.xml', feedOf('rss').rss2()], ['feed.json', JSON.stringify(json, null, 1)]] as const) {
    await writeFile(ctx, `${spec.dir}${name}`, body);
  }
}
