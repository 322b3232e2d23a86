import type { OutputFile, OutputPart, StoredItem } from '../types.js';
import { toStored, type ItemRow } from '../rows.js';
import { exec, one, rows, transaction, type Db } from './db.js';
import { selectItems } from './item-sql.js';

const COLS = 'item_id AS "itemId", rel_path AS "relPath", content_hash AS "contentHash"';
const fold = (s: string): string => s.normalize('NFC').toLowerCase();

/** Every output's manifest, notes and sync state, one table each, keyed by the output's name. */
export function outputsPart(db: Db): (name: string) => OutputPart {
  return (output) => ({
    // U+FFFF sorts after every character a path holds: the range is exactly the paths with the prefix.
    list: (prefix = '') => rows<OutputFile>(db, `SELECT ${COLS} FROM output_files WHERE output = @output AND rel_path >= @prefix AND rel_path < @prefix || chr(1114111) ORDER BY rel_path`, { output, prefix }),
    get: async (ids) => new Map((await rows<OutputFile>(db, `SELECT ${COLS} FROM output_files WHERE output = @output AND item_id = ANY(@ids)`, { output, ids })).map((f) => [f.itemId, f])),
    // '0' follows '/': the range holds exactly the paths that start with `dir/`.
    inFolder: async (dir) =>
      (await rows<OutputFile>(db, `SELECT ${COLS} FROM output_files WHERE output = @output AND rel_path > @dir || '/' AND rel_path < @dir || '0' ORDER BY rel_path`, { output, dir }))
        .filter((f) => !f.relPath.slice(dir.length + 1).includes('/')),
    save: (files) =>
      transaction(db, async (c) => {
        // Two items may swap names in one pass: free every path first, then take the new ones.
        await exec(c, 'DELETE FROM output_files WHERE output = @output AND item_id = ANY(@ids)', { output, ids: files.map((f) => f.itemId) });
        await exec(c,
          `INSERT INTO output_files (output, item_id, rel_path, content_hash) SELECT @output, * FROM unnest(@ids::text[], @paths::text[], @hashes::text[])
           ON CONFLICT (output, item_id) DO UPDATE SET rel_path = excluded.rel_path, content_hash = excluded.content_hash`,
          { output, ids: files.map((f) => f.itemId), paths: files.map((f) => f.relPath), hashes: files.map((f) => f.contentHash) });
      }),
    forget: (ids) =>
      transaction(db, async (c) => {
        await exec(c, 'DELETE FROM output_files WHERE output = @output AND item_id = ANY(@ids)', { output, ids });
        await exec(c, 'DELETE FROM output_notes WHERE output = @output AND item_id = ANY(@ids)', { output, ids });
      }),
    pending: async (after, limit): Promise<StoredItem[]> => {
      const synced = (await one<{ seq: number }>(db, 'SELECT synced_seq AS seq FROM output_state WHERE output = @output', { output }))?.seq ?? 0;
      const found = await rows<ItemRow>(db,
        `${selectItems('full')} WHERE i.seq > @after AND (i.seq > @synced OR NOT EXISTS (SELECT 1 FROM output_files o WHERE o.output = @output AND o.item_id = i.id)) ORDER BY i.seq LIMIT @limit`,
        { output, after, synced, limit });
      return found.map((r) => toStored<'full'>(r));
    },
    orphans: (prefix = '') =>
      rows<OutputFile>(db, `SELECT ${COLS} FROM output_files o WHERE output = @output AND rel_path >= @prefix AND rel_path < @prefix || chr(1114111) AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = o.item_id) ORDER BY rel_path`, { output, prefix }),
    synced: async () => (await one<{ seq: number }>(db, 'SELECT synced_seq AS seq FROM output_state WHERE output = @output', { output }))?.seq ?? 0,
    markSynced: async (seq) => void (await exec(db, 'INSERT INTO output_state (output, synced_seq) VALUES (@output, @seq) ON CONFLICT (output) DO UPDATE SET synced_seq = excluded.synced_seq', { output, seq })),
    notes: async (ids) => new Map((await rows<{ itemId: string; note: string }>(db, 'SELECT item_id AS "itemId", note FROM output_notes WHERE output = @output AND item_id = ANY(@ids)', { output, ids })).map((n) => [n.itemId, n.note])),
    setNotes: async (entries) =>
      void (await exec(db,
        'INSERT INTO output_notes (output, item_id, note) SELECT @output, * FROM unnest(@ids::text[], @notes::text[]) ON CONFLICT (output, item_id) DO UPDATE SET note = excluded.note',
        { output, ids: [...entries.keys()], notes: [...entries.values()] })),
    slugs: (scope, wanted) =>
      transaction(db, async (c) => {
        const known = new Map((await rows<{ key: string; slug: string }>(c, 'SELECT key, slug FROM output_slugs WHERE output = @output AND scope = @scope AND key = ANY(@keys)', { output, scope, keys: [...wanted.keys()] })).map((r) => [r.key, r.slug]));
        for (const [key, candidates] of wanted) {
          if (known.has(key)) continue;
          const base = candidates[0] ?? key;
          // The candidates, then `base-2`, `base-3` …: made one at a time, as most keys take their first.
          const tries = function* (): Generator<string> {
            yield* candidates;
            for (let n = 2; ; n++) yield `${base}-${n}`;
          };
          for (const slug of tries()) {
            if (await exec(c, 'INSERT INTO output_slugs (output, scope, key, slug, folded) VALUES (@output, @scope, @key, @slug, @folded) ON CONFLICT DO NOTHING', { output, scope, key, slug, folded: fold(slug) })) {
              known.set(key, slug);
              break;
            }
          }
        }
        return new Map([...wanted.keys()].map((k) => [k, known.get(k)!]));
      }),
  });
}

