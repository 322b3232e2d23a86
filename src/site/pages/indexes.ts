import type { SourceHealth } from '../../store/index.js';
import { addressOf, errorOf } from '../disclosure.js';
import { writeOpml, type OpmlFeed } from '../../shared/index.js';
import { pageKey, writeFile, writePage, type BuildContext } from '../context.js';
import { fill } from '../i18n.js';
import { listDir, utcOffsetMinutes } from '../model.js';
import { sparkline } from './sparkline.js';
import { namesKey } from '../paths.js';

/** `categories/`: the whole tree with item counts. */
export async function writeCategoriesIndex(ctx: BuildContext): Promise<void> {
  const { t, tree } = ctx;
  const sites = tree.categories.reduce((n, c) => n + c.sites.length, 0);
  const summary = fill(t.categoriesSummary, { c: tree.categories.length, s: sites, n: tree.total });
  await writePage(ctx, pageKey('categories/index.html'), 'categories', { title: `${t.allCategories} · ${ctx.site.title}`, description: summary, rel: 'categories/index.html' }, { categories: tree.categories, summary });
}

/** `archives/`: every day with items, by month. */
export async function writeArchivesIndex(ctx: BuildContext, days: ReadonlyArray<{ day: string; items: number }>): Promise<void> {
  const { t, paths, clock } = ctx;
  const months: Array<{ month: string; label: string; items: number; days: Array<{ label: string; href: string; items: number }> }> = [];
  for (const d of days) {
    const month = d.day.slice(0, 7);
    if (months.at(-1)?.month !== month) months.push({ month, label: clock.monthLabel(month), items: 0, days: [] });
    const m = months.at(-1)!;
    m.items += d.items;
    m.days.push({ label: String(Number(d.day.slice(8))), href: paths.href(`${dayDir(d.day)}index.html`), items: d.items });
  }
  const summary = fill(t.daysSummary, { d: days.length, n: days.reduce((n, d) => n + d.items, 0) });
  await writePage(ctx, pageKey('archives/index.html'), 'archives', { title: `${t.archives} · ${ctx.site.title}`, description: summary, rel: 'archives/index.html' }, { months, summary });
}

export const dayDir = (day: string): string => `archives/${day.replace(/-/g, '/')}/`;

type SourceState = 'ok' | 'failing' | 'backoff' | 'new';
const stateOf = (h: SourceHealth, now: Date): SourceState =>
  h.fetches === 0 ? 'new' : h.consecutiveFailures === 0 ? 'ok' : h.nextAttemptAt && new Date(h.nextAttemptAt) > now ? 'backoff' : 'failing';
const ORDER: Record<SourceState, number> = { failing: 0, backoff: 1, new: 2, ok: 3 };

const ACTIVITY_DAYS = 30;

/**
 * Each source's items per day over the last 30 days (the site's days), oldest first. Kept with the
 * change number and the day it is true at: a build with nothing new does not read a month of items.
 */
async function activity(ctx: BuildContext, now: Date, seq: number): Promise<{ days: string[]; of: (sourceId: string) => number[] }> {
  const days = Array.from({ length: ACTIVITY_DAYS }, (_, k) => ctx.clock.day(new Date(now.getTime() - (ACTIVITY_DAYS - 1 - k) * 86_400_000).toISOString()));
  const since = new Date(now.getTime() - (ACTIVITY_DAYS + 1) * 86_400_000).toISOString();
  const offset = utcOffsetMinutes(ctx.site.timezone, now);
  const id = JSON.stringify([seq, days.at(-1), offset]);
  const kept = JSON.parse((await ctx.out.values([ACTIVITY])).get(ACTIVITY) ?? 'null') as { id: string; rows: Array<[string, number]> } | null;
  let rows = kept?.id === id ? kept.rows : null;
  if (!rows) {
    rows = (await ctx.store.items.activity(since, offset)).map((r) => [`${r.sourceId}\u0000${r.day}`, r.items]);
    await ctx.out.setValues(new Map([[ACTIVITY, JSON.stringify({ id, rows })]]));
  }
  const counts = new Map(rows);
  return { days, of: (sourceId) => days.map((d) => counts.get(`${sourceId}\u0000${d}`) ?? 0) };
}
const ACTIVITY = 'activity';

/** `status/`: every source, failing ones first, with `status.json` beside it. */
export async function writeStatus(ctx: BuildContext, health: readonly SourceHealth[], now: Date, seq: number): Promise<void> {
  const { t, paths, clock } = ctx;
  const recent = await activity(ctx, now, seq);
  const label: Record<SourceState, string> = { ok: t.stateOk, failing: t.stateFailing, backoff: t.stateBackoff, new: t.stateNew };
  const rows = health
    .map((h) => ({ h, state: stateOf(h, now) }))
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.h.category.localeCompare(b.h.category) || a.h.site.localeCompare(b.h.site) || a.h.channel.localeCompare(b.h.channel))
    .map(({ h, state }) => ({
      category: h.category, site: h.site, channel: h.channel, state, stateLabel: label[state],
      // Only where the source's channel has a page: a source that never brought anything has none.
      href: ctx.tree.byKey.has(namesKey(h)) ? paths.href(`${listDir(ctx.slugs, h)}index.html`) : null,
      error: state === 'ok' ? null : ((e) => e && `${e.code}${e.status ? ` ${e.status}` : ''}${e.message ? `: ${e.message}` : ''}`)(errorOf(ctx, h)),
      lastSuccess: h.lastSuccessAt, lastSuccessText: h.lastSuccessAt ? clock.short(h.lastSuccessAt) : null, items: h.itemsSeen,
      spark: ((perDay: number[]) => sparkline(perDay, fill(t.activity, { n: perDay.reduce((a, b) => a + b, 0), max: Math.max(...perDay) })))(recent.of(h.sourceId)),
    }));
  // What the rules hide, said once (the count per rule is in status.json).
  const rules = Object.fromEntries(await ctx.store.items.hiddenCounts());
  const hidden = Object.values(rules).reduce((n, k) => n + k, 0);
  const summary = `${fill(t.sourcesSummary, { n: rows.length, f: rows.filter((r) => r.state === 'failing' || r.state === 'backoff').length })}${hidden ? ` · ${fill(t.rulesHidden, { n: hidden })}` : ''}`;
  await writePage(ctx, pageKey('status/index.html'), 'status', { title: `${t.sources} · ${ctx.site.title}`, description: summary, rel: 'status/index.html' }, { sources: rows, summary, json: paths.href('status/status.json') });
  const json = health.map((h) => ({
    id: h.sourceId, url: addressOf(ctx, h), kind: h.kind, category: h.category, site: h.site, channel: h.channel, state: stateOf(h, now),
    lastAttemptAt: h.lastAttemptAt, lastSuccessAt: h.lastSuccessAt, consecutiveFailures: h.consecutiveFailures, nextAttemptAt: h.nextAttemptAt,
    itemsSeen: h.itemsSeen, averageLatencyMs: h.averageLatencyMs, lastError: errorOf(ctx, h),
  }));
  await writeFile(ctx, 'status/status.json', JSON.stringify({ sources: json, rules }, null, 1));
}

/**
 * `sources.opml`, for readers to subscribe: each source at its public address, and a source without
 * one (a self-hosted RSSHub's route, a private feed, every source under `site.private`) through the
 * site's own feed of its category, once.
 */
export async function writeSourcesOpml(ctx: BuildContext, health: readonly SourceHealth[]): Promise<void> {
  const feeds: OpmlFeed[] = [];
  const sorted = [...health].sort((x, y) => x.category.localeCompare(y.category) || x.site.localeCompare(y.site) || x.channel.localeCompare(y.channel));
  for (const category of new Set(sorted.map((h) => h.category))) {
    const of = sorted.filter((h) => h.category === category);
    // The category's own feed first, where one of its sources has no address to give.
    if (of.some((h) => !ctx.publicUrls.has(h.sourceId)) && ctx.tree.categories.some((c) => c.name === category)) {
      const dir = listDir(ctx.slugs, { category });
      feeds.push({ xmlUrl: ctx.paths.absolute(`${dir}rss.xml`), htmlUrl: ctx.paths.absolute(`${dir}index.html`), title: `${category} · ${ctx.site.title}`, folders: [category] });
    }
    for (const h of of) {
      const url = ctx.publicUrls.get(h.sourceId);
      if (url) feeds.push({ xmlUrl: url, htmlUrl: null, title: `${h.site} · ${h.channel}`, folders: [category] });
    }
  }
  await writeFile(ctx, 'sources.opml', writeOpml(feeds, ctx.site.title));
}

export async function writeNotFound(ctx: BuildContext): Promise<void> {
  await writePage(ctx, pageKey('404.html'), '404', { title: `404 · ${ctx.site.title}`, description: ctx.t.notFound, rel: '404.html' }, {});
}
