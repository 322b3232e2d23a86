import type { ItemCursor, ItemFilter } from './types.js';

const PAGE_FILTERS = ['category', 'site', 'channel'] as const;

/** The same for both engines: `@name` placeholders (the PostgreSQL engine turns them into `$n`). */
/** The WHERE clause of a filter (names, since, until, after) and its arguments. */
export function filterOf(q: ItemFilter & { after?: ItemCursor | null }): { where: string; args: Record<string, string | number> } {
  const where: string[] = [];
  const args: Record<string, string | number> = {};
  for (const key of PAGE_FILTERS) {
    const v = q[key];
    if (v !== undefined) {
      where.push(`i.${key} = @${key}`);
      args[key] = v;
    }
  }
  if (q.since) {
    where.push('i.sort_at >= @since');
    args.since = q.since;
  }
  if (q.until) {
    where.push('i.sort_at < @until');
    args.until = q.until;
  }
  if (q.after) {
    where.push('(i.sort_at, i.id) < (@afterSort, @afterId)');
    Object.assign(args, { afterSort: q.after.sortAt, afterId: q.after.id });
  }
  return { where: where.length ? ` WHERE ${where.join(' AND ')}` : '', args };
}
