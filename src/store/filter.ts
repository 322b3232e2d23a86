import type { ItemCursor, ItemFilter } from './types.js';

const PAGE_FILTERS = ['category', 'site', 'channel'] as const;

/** Newest first by `sort_at` then id (the lists' order), or its reverse. */
export const orderOf = (t: string, id: string, oldestFirst = false): string => (oldestFirst ? `${t}.sort_at, ${t}.${id}` : `${t}.sort_at DESC, ${t}.${id} DESC`);

/** What rules hide (a few rows, by a partial index). */
export const HIDDEN_IDS = 'SELECT id FROM items WHERE hidden_by IS NOT NULL';

/**
 * A later report of a story (`items` row `alias`): another report of it, shown (no rule hides it), came
 * earlier (within the list's time range, for a day's list). Lists that show each story once show its
 * first report only.
 */
export const laterReport = (alias: string, range: { since?: boolean; until?: boolean } = {}): string =>
  `(${alias}.story_id IS NOT NULL AND EXISTS (SELECT 1 FROM items l WHERE l.story_id = ${alias}.story_id AND l.id <> ${alias}.id AND l.hidden_by IS NULL AND (l.sort_at < ${alias}.sort_at OR (l.sort_at = ${alias}.sort_at AND l.id < ${alias}.id))${range.since ? ' AND l.sort_at >= @since' : ''}${range.until ? ' AND l.sort_at < @until' : ''}))`;

/** Each story once: a count of the distinct stories of `items` row `alias` (an item not yet grouped is its own). */
export const storyCount = (alias: string): string => `count(DISTINCT coalesce(${alias}.story_id, ${alias}.id))`;

/**
 * The same over listing rows (`item_sources` row `p`): a later report counts as its story, any other
 * item as itself (a story's id is its first report's), so only the few later reports are looked up.
 */
export const placedStoryCount = (p: string): string =>
  `count(DISTINCT CASE WHEN ${p}.item_id IN (SELECT id FROM items WHERE story_id <> id) THEN (SELECT s.story_id FROM items s WHERE s.id = ${p}.item_id) ELSE ${p}.item_id END)`;

/**
 * The item of a listing row (`item_sources` row `p`) is a later report of a story in the list of these
 * names: an earlier shown report of its story is listed under the same names (`same(name)` says which,
 * a parameter or the row's own column). A report an outlet alone carried in its channel stays there.
 */
export const laterInList = (p: string, names: readonly string[], same: (name: string) => string): string =>
  // Nested, so each step is an index lookup from the row before; `|| ''` keeps a planner off the names'
  // indexes, which it preferred to the report's own rows and walked whole for every row of the list.
  `EXISTS (SELECT 1 FROM items m WHERE m.id = ${p}.item_id AND m.story_id IS NOT NULL AND EXISTS (SELECT 1 FROM items l WHERE l.story_id = m.story_id AND l.id <> m.id AND l.hidden_by IS NULL
   AND (l.sort_at < m.sort_at OR (l.sort_at = m.sort_at AND l.id < m.id)) AND EXISTS (SELECT 1 FROM item_sources lp WHERE lp.item_id = l.id${names.map((n) => ` AND lp.${n} || '' = ${same(n)}`).join('')})))`;

/**
 * The WHERE clause of a filter (names, since, until, after) over `items i`, and its arguments; the
 * same for both engines (`@name` placeholders, which the PostgreSQL engine turns into `$n`).
 *
 * Names select what sources of those names carried (`item_sources`), each item once, unless
 * `ownedOnly`: then only items whose owning source has them. With `limit`, the carried rows are read
 * by keyset and limited inside, so a page costs its own rows, not the whole list's.
 */
export function filterOf(q: ItemFilter & { after?: ItemCursor | null; oldestFirst?: boolean }, limit?: number): { where: string; args: Record<string, string | number> } {
  const args: Record<string, string | number> = {};
  const names = PAGE_FILTERS.filter((key) => q[key] !== undefined);
  for (const key of names) args[key] = q[key]!;
  const on = (t: string, id: string) => {
    const where = names.map((key) => `${t}.${key} = @${key}`);
    if (q.since) where.push(`${t}.sort_at >= @since`);
    if (q.until) where.push(`${t}.sort_at < @until`);
    if (q.after) where.push(`(${t}.sort_at, ${t}.${id}) < (@afterSort, @afterId)`);
    if (q.newer) where.push(`(${t}.sort_at, ${t}.${id}) > (@newerSort, @newerId)`);
    return where;
  };
  if (q.since) args.since = q.since;
  if (q.until) args.until = q.until;
  if (q.after) Object.assign(args, { afterSort: q.after.sortAt, afterId: q.after.id });
  if (q.newer) Object.assign(args, { newerSort: q.newer.sortAt, newerId: q.newer.id });
  if (names.length > 0 && !q.ownedOnly) {
    if (limit !== undefined) args.limit = limit;
    // Hidden items (rules) are left out before the limit, so a page is never short.
    const placed = `SELECT DISTINCT p.item_id, p.sort_at FROM item_sources p WHERE ${[...on('p', 'item_id'), `p.item_id NOT IN (${HIDDEN_IDS})`, ...(q.stories ? [`NOT ${laterInList('p', names, (n) => `@${n}`)}`] : [])].join(' AND ')} ORDER BY ${orderOf('p', 'item_id', q.oldestFirst)}${limit !== undefined ? ' LIMIT @limit' : ''}`;
    return { where: ` WHERE i.id IN (SELECT placed.item_id FROM (${placed}) placed)`, args };
  }
  const where = [...on('i', 'id'), 'i.hidden_by IS NULL', ...(q.stories ? [`NOT ${laterReport('i', { since: q.since !== undefined, until: q.until !== undefined })}`] : [])];
  return { where: where.length ? ` WHERE ${where.join(' AND ')}` : '', args };
}
