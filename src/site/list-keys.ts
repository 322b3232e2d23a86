import type { SourceNames } from '../sources/index.js';
import { namesKey } from './paths.js';

/**
 * One key per list of the site, for what a build keeps or works out per list (where each changed,
 * what each counts): the home list, a category, a site, a channel (their names joined by U+0001, so
 * the number of joins says the level), a day.
 */
export const HOME = '\u0002';
/** Every article, one per item shown, as the sitemap lists them (stories not grouped). */
export const ARTICLES = '\u0004';
export const dayKey = (day: string): string => `\u0003${day}`;
export type Level = Partial<SourceNames> & { category: string };
export const levelKey = (level: Level): string =>
  level.channel !== undefined ? namesKey(level as SourceNames) : level.site !== undefined ? `${level.category}\u0001${level.site}` : level.category;
/** A channel's list and the site's and category's above it. */
export const levelKeys = (n: SourceNames): string[] => [levelKey({ category: n.category }), levelKey({ category: n.category, site: n.site }), levelKey(n)];
/** The filter of a category, site or channel list's key (`levelKey`), `{}` for the home list and every article; null for a day or any other key. */
export function levelOf(key: string): Level | Record<string, never> | null {
  if (key === HOME || key === ARTICLES) return {};
  if (/^[\u0000-\u0004]/.test(key)) return null;
  const [category = '', site, channel] = key.split('\u0001');
  return channel !== undefined ? { category, site: site!, channel } : site !== undefined ? { category, site } : { category };
}

/** Items in a list's order reversed, oldest first: by `sortAt`, then id (how the store breaks ties). */
export const oldestFirst = (a: { sortAt: string; id: string }, b: { sortAt: string; id: string }): number =>
  a.sortAt < b.sortAt ? -1 : a.sortAt > b.sortAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
