import type { SiteSettings } from '../config/index.js';
import type { ItemCard, NameCount, NameCounts, StoryReports } from '../store/index.js';
import type { SourceNames } from '../sources/index.js';
import { namesKey, pageRel, type SitePaths } from './paths.js';
import { fill, type Strings } from './i18n.js';
import { thumbnailName, THUMBS_DIR, webUrl } from '../shared/index.js';
import { wallClock } from './wall-clock.js';

/** Card times remembered at most. */
const MINUTES_KEPT = 100_000;

/** Dates as the site's readers see them, in the site's time zone: fixed at build time, so pages stay byte-identical. */
export function clock(site: SiteSettings) {
  const tz = site.timezone;
  const short = new Intl.DateTimeFormat(site.language, { timeZone: tz, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const long = new Intl.DateTimeFormat(site.language, { timeZone: tz, dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' });
  const dayLabel = new Intl.DateTimeFormat(site.language, { timeZone: tz, dateStyle: 'full' });
  const monthLabel = new Intl.DateTimeFormat(site.language, { timeZone: tz, year: 'numeric', month: 'long' });
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  // A card's time, by its wall minute: the same fields formatted in UTC read the same.
  const wall = wallClock(tz);
  const shortOfWall = new Intl.DateTimeFormat(site.language, { timeZone: 'UTC', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const minutes = new Map<number, string>();
  return {
    short: (iso: string) => {
      const w = wall(Date.parse(iso));
      if (w === null) return short.format(new Date(iso));
      const minute = Math.floor(w / 60_000);
      let text = minutes.get(minute);
      if (text === undefined) {
        if (minutes.size >= MINUTES_KEPT) minutes.clear();
        minutes.set(minute, (text = shortOfWall.format(minute * 60_000)));
      }
      return text;
    },
    long: (iso: string) => long.format(new Date(iso)),
    /** `YYYY-MM-DD` in the site's zone. */
    day: (iso: string) => {
      const w = wall(Date.parse(iso));
      return w === null ? dayKey.format(new Date(iso)) : new Date(w).toISOString().slice(0, 10);
    },
    dayLabel: (day: string) => dayLabel.format(new Date(`${day}T12:00:00Z`)),
    monthLabel: (month: string) => monthLabel.format(new Date(`${month}-15T12:00:00Z`)),
  };
}
export type Clock = ReturnType<typeof clock>;

/** The site's offset from UTC now, in minutes: the store groups days with it. */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Math.round((Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** One list's folder: `categories/<cat>/[<site>/[<channel>/]]` from the names' slugs. */
export interface NameSlugs {
  category: (c: string) => string;
  site: (c: string, s: string) => string;
  channel: (c: string, s: string, ch: string) => string;
}

export const listDir = (slugs: NameSlugs, n: Partial<SourceNames> & { category: string }): string => {
  let dir = `categories/${slugs.category(n.category)}/`;
  if (n.site !== undefined) dir += `${slugs.site(n.category, n.site)}/`;
  if (n.site !== undefined && n.channel !== undefined) dir += `${slugs.channel(n.category, n.site, n.channel)}/`;
  return dir;
};

export interface Card {
  href: string;
  title: string;
  /** Where the item is from, as far as the list does not already say it (a channel's own list: nothing). */
  source: string;
  mark: string;
  iso: string;
  time: string;
  /** Set when the source gave no date: why the time shown is when the item was collected (never "3 分钟前" as if published). */
  undated: string | null;
  excerpt: string;
  image: string | null;
  /** The picture's own address, where `image` is the site's thumbnail of it (shown if the thumbnail is missing). */
  fallback: string | null;
  original: string | null;
  /** The same story from other outlets (`site.stories`): "3 家来源" and who they are. */
  story: { count: string; outlets: string } | null;
}

/** A card of a list; `listed` are the names the list is of, which its cards need not repeat. */
export function card(item: ItemCard, articleRel: string, paths: SitePaths, c: Clock, t: Strings, o: { listed?: Partial<SourceNames>; thumbnails?: boolean; story?: StoryReports } = {}): Card {
  const listed = o.listed ?? {};
  const picture = webUrl(item.image);
  const thumb = o.thumbnails === true && picture !== null;
  const own = listed.channel !== undefined && listed.channel === item.names.channel && listed.site === item.names.site;
  const source = own ? '' : listed.site !== undefined && listed.site === item.names.site ? item.names.channel : `${item.names.site} · ${item.names.channel}`;
  return {
    href: paths.href(articleRel),
    title: item.title,
    source,
    mark: [...item.names.site.trim()][0]?.toUpperCase() ?? '·',
    iso: item.sortAt,
    time: item.publishedAt === null ? fill(t.seenAt, { t: c.short(item.sortAt) }) : c.short(item.sortAt),
    undated: item.publishedAt === null ? t.undated : null,
    excerpt: item.excerpt,
    image: thumb ? paths.href(`${THUMBS_DIR}${thumbnailName(picture)}`) : picture,
    fallback: thumb ? picture : null,
    original: webUrl(item.link),
    story: storyLine(item, o.story, t),
  };
}

/** "3 家来源 · 新华社、澎湃新闻、财新网": the story's reports (this one among them), its first outlets in the order they reported. */
function storyLine(item: ItemCard, story: StoryReports | undefined, t: Strings): Card['story'] {
  if (!story || !story.first.some((r) => r.id !== item.id)) return null;
  const outlets = [...new Set([item, ...story.first].map((r) => r.names.site))];
  const named = outlets.slice(0, OUTLETS_NAMED).join('、');
  return { count: fill(t.storySources, { n: story.total }), outlets: outlets.length > OUTLETS_NAMED || story.total > story.first.length ? fill(t.andOthers, { names: named }) : named };
}

/** A card names a story's first three outlets, then "等". */
const OUTLETS_NAMED = 3;

/** Cards grouped under the day they belong to, newest first. */
export function byDay(items: readonly { card: Card; day: string }[], c: Clock): Array<{ day: string; label: string; cards: Card[] }> {
  const days: Array<{ day: string; label: string; cards: Card[] }> = [];
  for (const { card: k, day } of items) {
    if (days.at(-1)?.day !== day) days.push({ day, label: c.dayLabel(day), cards: [] });
    days.at(-1)!.cards.push(k);
  }
  return days;
}

export interface PageLinks {
  /** How many numbered pages the list has (none while it fits on its first page). */
  total: number;
  /** Newer items: the next page up, or the list's first page from its newest numbered one. */
  prev: string | null;
  /** Older items. */
  next: string | null;
  numbers: Array<{ label: string; href: string; current: boolean } | { gap: true }>;
}

/**
 * Pages are numbered from the oldest (`page/1/` holds the list's first items), so a page keeps its
 * items while new ones arrive; the list's first page (`n` null) shows the newest. Links run newest to
 * oldest: the first page, the two pages either side of this one, and on the first page the lowest
 * (`lowest`: page 1 until retention takes the oldest items). A numbered page links neither the
 * highest number nor the lowest, so it does not change when a page is added at the top or goes at
 * the bottom, unless it is one of the three next to that end.
 */
export function pageLinks(dir: string, n: number | null, total: number, paths: SitePaths, latest: string, lowest = 1): PageLinks {
  const href = (k: number | null) => paths.href(pageRel(dir, k));
  const at = n ?? total;
  const shown = [...new Set([at + 2, at + 1, at, at - 1, at - 2, ...(n === null ? [lowest] : [])])].filter((k) => k >= lowest && k <= total && (n !== null || k < total)).sort((a, b) => b - a);
  const numbers: PageLinks['numbers'] = [{ label: latest, href: href(null), current: n === null }];
  // The number above the first one shown: the first page holds the highest, which it does not show.
  let above = n === null ? total : total + 1;
  for (const k of shown) {
    if (above - k > 1) numbers.push({ gap: true });
    numbers.push({ label: String(k), href: href(k), current: k === n });
    above = k;
  }
  // Older pages past the ones shown.
  if (above > lowest) numbers.push({ gap: true });
  const older = at - 1;
  return { total, prev: n === null ? null : href(n < total ? n + 1 : null), next: older >= lowest ? href(older) : null, numbers };
}

/** The three-level tree, with counts, hrefs and the names in the store's (sorted) order. */
export interface TreeNode {
  name: string;
  href: string;
  items: number;
}
export interface Tree {
  categories: Array<TreeNode & { sites: Array<TreeNode & { open: boolean; channels: TreeNode[] }> }>;
  total: number;
  byKey: Map<string, NameCount>;
}

/** The category → site → channel tree with each level's count (an item carried in two channels counts once above them). */
export function tree(counts: NameCounts, slugs: NameSlugs, paths: SitePaths): Tree {
  const siteItems = new Map(counts.sites.map((x) => [`${x.category}\u0001${x.site}`, x.items]));
  const categoryItems = new Map(counts.categories.map((x) => [x.category, x.items]));
  const categories: Tree['categories'] = [];
  for (const n of counts.channels) {
    let cat = categories.at(-1);
    if (cat?.name !== n.category) categories.push((cat = { name: n.category, href: paths.href(listDir(slugs, { category: n.category })), items: categoryItems.get(n.category) ?? 0, sites: [] }));
    let site = cat.sites.at(-1);
    if (site?.name !== n.site) cat.sites.push((site = { name: n.site, href: paths.href(listDir(slugs, { category: n.category, site: n.site })), items: siteItems.get(`${n.category}\u0001${n.site}`) ?? 0, open: false, channels: [] }));
    site.channels.push({ name: n.channel, href: paths.href(listDir(slugs, n)), items: n.items });
  }
  return { categories, total: counts.total, byKey: new Map(counts.channels.map((n) => [namesKey(n), n])) };
}

