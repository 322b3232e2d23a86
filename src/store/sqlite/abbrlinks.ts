import type { Database } from 'better-sqlite3';
import { abbrlinkCandidates } from '../abbrlink.js';

/** Short links promised once per item (Hexo's abbrlink; the site's redirects for migrated posts). */
export function abbrlinksTable(db: Database) {
  const linkOf = db.prepare('SELECT abbrlink FROM abbrlinks WHERE item_id = ?');
  const taken = db.prepare('SELECT 1 FROM abbrlinks WHERE abbrlink = ?');
  const allocate = db.prepare('INSERT INTO abbrlinks (item_id, abbrlink) VALUES (?, ?)');

  /** The first free candidate, remembered once given. */
  function abbrlink(itemId: string): string {
    const known = linkOf.get(itemId) as { abbrlink: string } | undefined;
    if (known) return known.abbrlink;
    for (const candidate of abbrlinkCandidates(itemId)) {
      if (!taken.get(candidate)) {
        allocate.run(itemId, candidate);
        return candidate;
      }
    }
    throw new Error('unreachable: the candidates never end');
  }
  return db.transaction((ids: readonly string[]) => new Map(ids.map((id) => [id, abbrlink(id)])));
}
