import type { Database } from 'better-sqlite3';
import type { PostRecord } from '../types.js';

const ABBRLINK_HEX = 8;

/** The Hexo manifest (which files Broadsheet wrote) and the abbrlinks it promised. */
export function postsTable(db: Database) {
  const all = db.prepare('SELECT item_id AS itemId, rel_path AS relPath, content_hash AS contentHash FROM posts ORDER BY rel_path');
  const save = db.prepare(
    'INSERT INTO posts (item_id, rel_path, content_hash) VALUES (@itemId, @relPath, @contentHash) ON CONFLICT(item_id) DO UPDATE SET rel_path = excluded.rel_path, content_hash = excluded.content_hash',
  );
  const forget = db.prepare('DELETE FROM posts WHERE item_id = ?');
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

  return {
    all: (): PostRecord[] => all.all() as PostRecord[],
    save: (p: PostRecord): void => void save.run(p),
    forget: (itemId: string): void => void forget.run(itemId),
    abbrlinks: db.transaction((ids: readonly string[]) => new Map(ids.map((id) => [id, abbrlink(id)]))),
  };
}
