import type { Database } from 'better-sqlite3';
import type { OutputFile, OutputPart } from '../types.js';
import { selectItems, toStored, type ItemRow } from './item-rows.js';

/** Every output's manifest, notes and sync state, one table each, keyed by the output's name. */
export function outputsTable(db: Database): (name: string) => OutputPart {
  const cols = 'item_id AS itemId, rel_path AS relPath, content_hash AS contentHash';
  // U+10FFFF sorts after every character a path holds (byte order, astral planes included): the range is exactly the paths with the prefix.
  const list = db.prepare(`SELECT ${cols} FROM output_files WHERE output = ? AND rel_path >= ? AND rel_path < ? || char(1114111) ORDER BY rel_path`);
  const get = db.prepare(`SELECT ${cols} FROM output_files WHERE output = ? AND item_id IN (SELECT value FROM json_each(?))`);
  // '0' follows '/': the range holds exactly the paths that start with `dir/`.
  const inFolder = db.prepare(`SELECT ${cols} FROM output_files WHERE output = @output AND rel_path > @dir || '/' AND rel_path < @dir || '0' ORDER BY rel_path`);
  const save = db.prepare(
    `INSERT INTO output_files (output, item_id, rel_path, content_hash) VALUES (@output, @itemId, @relPath, @contentHash)
     ON CONFLICT(output, item_id) DO UPDATE SET rel_path = excluded.rel_path, content_hash = excluded.content_hash`,
  );
  const forget = db.prepare('DELETE FROM output_files WHERE output = ? AND item_id = ?');
  const pending = db.prepare(
    `${selectItems('full')} WHERE i.seq > @after
       AND (i.seq > @synced OR NOT EXISTS (SELECT 1 FROM output_files o WHERE o.output = @output AND o.item_id = i.id))
     ORDER BY i.seq LIMIT @limit`,
  );
  const orphans = db.prepare(
    `SELECT ${cols} FROM output_files o WHERE output = ? AND rel_path >= ? AND rel_path < ? || char(1114111) AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = o.item_id) ORDER BY rel_path`,
  );
  const forgetNote = db.prepare('DELETE FROM output_notes WHERE output = ? AND item_id = ?');
  const synced = db.prepare('SELECT synced_seq AS seq FROM output_state WHERE output = ?');
  const markSynced = db.prepare('INSERT INTO output_state (output, synced_seq) VALUES (?, ?) ON CONFLICT(output) DO UPDATE SET synced_seq = excluded.synced_seq');
  const notes = db.prepare('SELECT item_id AS itemId, note FROM output_notes WHERE output = ? AND item_id IN (SELECT value FROM json_each(?))');
  const setNote = db.prepare('INSERT INTO output_notes (output, item_id, note) VALUES (?, ?, ?) ON CONFLICT(output, item_id) DO UPDATE SET note = excluded.note');
  const slugsOf = db.prepare('SELECT key, slug FROM output_slugs WHERE output = ? AND scope = ? AND key IN (SELECT value FROM json_each(?))');
  const slugTaken = db.prepare('SELECT 1 FROM output_slugs WHERE output = ? AND scope = ? AND folded = ?');
  const giveSlug = db.prepare('INSERT INTO output_slugs (output, scope, key, slug, folded) VALUES (?, ?, ?, ?, ?)');
  const fold = (s: string): string => s.normalize('NFC').toLowerCase();
  const allocate = db.transaction((output: string, scope: string, missing: ReadonlyArray<[string, readonly string[]]>, into: Map<string, string>) => {
    for (const [key, candidates] of missing) {
      const base = candidates[0] ?? key;
      // The candidates, then `base-2`, `base-3` …: made one at a time, as most keys take their first.
      let slug: string | undefined = candidates.find((c) => !slugTaken.get(output, scope, fold(c)));
      for (let n = 2; slug === undefined; n++) if (!slugTaken.get(output, scope, fold(`${base}-${n}`))) slug = `${base}-${n}`;
      giveSlug.run(output, scope, key, slug, fold(slug));
      into.set(key, slug);
    }
  });
  /** Known keys in one read; only new keys take the write lock. */
  const slugs = (output: string, scope: string, wanted: ReadonlyMap<string, readonly string[]>): Map<string, string> => {
    const known = new Map((slugsOf.all(output, scope, JSON.stringify([...wanted.keys()])) as { key: string; slug: string }[]).map((r) => [r.key, r.slug]));
    const missing = [...wanted].filter(([key]) => !known.has(key));
    if (missing.length) allocate(output, scope, missing, known);
    return new Map([...wanted.keys()].map((k) => [k, known.get(k)!]));
  };
  const saveMany = db.transaction((output: string, files: readonly OutputFile[]) => {
    // Two items may swap names in one pass: free every path first, then take the new ones.
    for (const f of files) forget.run(output, f.itemId);
    for (const f of files) save.run({ output, ...f });
  });
  const forgetMany = db.transaction((output: string, ids: readonly string[]) =>
    ids.forEach((id) => {
      forget.run(output, id);
      forgetNote.run(output, id);
    }),
  );
  const setNotes = db.transaction((output: string, entries: ReadonlyMap<string, string>) => entries.forEach((note, id) => setNote.run(output, id, note)));

  return (output) => ({
    list: async (prefix = '') => list.all(output, prefix, prefix) as OutputFile[],
    get: async (ids) => new Map((get.all(output, JSON.stringify(ids)) as OutputFile[]).map((f) => [f.itemId, f])),
    inFolder: async (dir) => (inFolder.all({ output, dir }) as OutputFile[]).filter((f) => !f.relPath.slice(dir.length + 1).includes('/')),
    save: async (files) => saveMany(output, files),
    forget: async (ids) => forgetMany(output, ids),
    pending: async (after, limit) => {
      const row = synced.get(output) as { seq: number } | undefined;
      return (pending.all({ output, after, synced: row?.seq ?? 0, limit }) as ItemRow[]).map((r) => toStored<'full'>(r));
    },
    orphans: async (prefix = '') => orphans.all(output, prefix, prefix) as OutputFile[],
    synced: async () => (synced.get(output) as { seq: number } | undefined)?.seq ?? 0,
    markSynced: async (seq) => void markSynced.run(output, seq),
    notes: async (ids) => new Map((notes.all(output, JSON.stringify(ids)) as { itemId: string; note: string }[]).map((n) => [n.itemId, n.note])),
    setNotes: async (entries) => setNotes(output, entries),
    slugs: async (scope, wanted) => slugs(output, scope, wanted),
  });
}
