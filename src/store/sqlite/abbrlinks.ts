import type { Database } from 'better-sqlite3';

const ABBRLINK_HEX = 8;

/** Short links promised once per item (Hexo's abbrlink; the site's redirects for migrated posts). */
export function abbrlinksTable(db: Database) {
  const linkOf = db.prepare('SELECT abbrlink FROM abbrlinks WHERE item_id = ?');
  const taken = db.prepare('SELECT 1 FROM abbrlinks WHERE abbrlink = ?');
  const allocate = db.prepare('INSERT INTO abbrlinks (item_id, abbrlink) VALUES (?, ?)');

  /**
   * 8 hex digits from the item id; on a collision the next 8, and so on; remembered once given. A
   * run of digits (`01234567`, `12e45678`) is passed over: YAML would read it as a number, and Hexo's
   * permalink would no longer be the abbrlink.
   */
  function abbrlink(itemId: string): string {
    const known = linkOf.get(itemId) as { abbrlink: string } | undefined;
    if (known) return known.abbrlink;
    for (let i = 0; ; i++) {
      const slice = i * ABBRLINK_HEX + ABBRLINK_HEX <= itemId.length;
      const candidate = slice ? itemId.slice(i * ABBRLINK_HEX, (i + 1) * ABBRLINK_HEX) : `${itemId.slice(0, ABBRLINK_HEX)}${i}`;
      if (slice && /^[0-9]+(e[0-9]+)?$/.test(candidate)) continue;
      if (!taken.get(candidate)) {
        allocate.run(itemId, candidate);
        return candidate;
      }
    }
  }
  return db.transaction((ids: readonly string[]) => new Map(ids.map((id) => [id, abbrlink(id)])));
}
