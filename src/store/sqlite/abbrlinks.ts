import type { Database } from 'better-sqlite3';

const ABBRLINK_HEX = 8;

/** Short links promised once per item (Hexo's abbrlink; the site's redirects for migrated posts). */
export function abbrlinksTable(db: Database) {
  const linkOf = db.prepare('SELECT abbrlink FROM abbrlinks WHERE item_id = ?');
  const taken = db.prepare('SELECT 1 FROM abbrlinks WHERE abbrlink = ?');
  const allocate = db.prepare('INSERT INTO abbrlinks (item_id, abbrlink) VALUES (?, ?)');

  /** 8 hex digits from the item id; on a collision the next 8, and so on; remembered once given. */
  function abbrlink(itemId: string): string {
    const known = linkOf.get(itemId) as { abbrlink: string } | undefined;
    if (known) return known.abbrlink;
    for (let i = 0; ; i++) {
      const candidate = i * ABBRLINK_HEX + ABBRLINK_HEX <= itemId.length ? itemId.slice(i * ABBRLINK_HEX, (i + 1) * ABBRLINK_HEX) : `${itemId.slice(0, ABBRLINK_HEX)}${i}`;
      if (!taken.get(candidate)) {
        allocate.run(itemId, candidate);
        return candidate;
      }
    }
  }
  return db.transaction((ids: readonly string[]) => new Map(ids.map((id) => [id, abbrlink(id)])));
}
