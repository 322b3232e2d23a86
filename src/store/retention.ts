/** What retention keeps, the same for every engine. */

/** Items first seen before this instant are old enough to go (`retention.days`). */
export const retentionCutoff = (days: number, now: Date): string => new Date(now.getTime() - days * 86_400_000).toISOString();

/** Every id the sources' latest documents list (each source's `listed` JSON array): kept whatever their age or rank. */
export function listedIds(rows: ReadonlyArray<{ listed: string | null }>): Set<string> {
  const ids = new Set<string>();
  for (const r of rows) if (r.listed) for (const id of JSON.parse(r.listed) as string[]) ids.add(id);
  return ids;
}

/** A source's `listed` as stored: the stored id of each listed entry (a duplicate's story), in the feed's order. */
export const listedJson = (listed: readonly string[], storedAs: ReadonlyMap<string, string>): string =>
  JSON.stringify([...new Set(listed.map((id) => storedAs.get(id) ?? id))]);
