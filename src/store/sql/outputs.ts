import type { OutputFile, OutputPart } from '../parts/outputs.js';
import { toStored, type ItemRow } from '../rows.js';
import { insertMany, one, rows, run, type SqlPort } from './port.js';
import { selectItems } from './select-items.js';

const COLS = 'item_id AS "itemId", rel_path AS "relPath", content_hash AS "contentHash"';
const fold = (s: string): string => s.normalize('NFC').toLowerCase();

/** Every output's manifest, notes, slugs and sync state, keyed by the output's name. */
export function outputsPart(port: SqlPort): (name: string) => OutputPart {
  const d = port.dialect;
  const synced = (output: string) => port.run(function* () {
    return (yield* one<{ seq: number }>('SELECT synced_seq AS seq FROM output_state WHERE output = @output', { output }))?.seq ?? 0;
  });
  return (output) => ({
    // lastChar sorts after every character a path holds: the range is exactly the paths with the prefix.
    list: (prefix = '') => port.run(() => rows<OutputFile>(`SELECT ${COLS} FROM output_files WHERE output = @output AND rel_path >= @prefix AND rel_path < @prefix || ${d.lastChar} ORDER BY rel_path`, { output, prefix })),
    get: (ids) => port.run(function* () {
      return new Map((yield* rows<OutputFile>(`SELECT ${COLS} FROM output_files WHERE output = @output AND ${d.inList('item_id', '@ids')}`, { output, ids })).map((f) => [f.itemId, f]));
    }),
    // '0' follows '/': the range holds exactly the paths that start with `dir/`.
    inFolder: (dir) => port.run(function* () {
      return (yield* rows<OutputFile>(`SELECT ${COLS} FROM output_files WHERE output = @output AND rel_path > @dir || '/' AND rel_path < @dir || '0' ORDER BY rel_path`, { output, dir }))
        .filter((f) => !f.relPath.slice(dir.length + 1).includes('/'));
    }),
    save: (files) => port.tx(function* () {
      // Two items may swap names in one pass: free every path first, then take the new ones.
      yield* run(`DELETE FROM output_files WHERE output = @output AND ${d.inList('item_id', '@ids')}`, { output, ids: files.map((f) => f.itemId) });
      yield* insertMany('output_files', ['output', 'item_id', 'rel_path', 'content_hash'], files.map((f) => ({ output, item_id: f.itemId, rel_path: f.relPath, content_hash: f.contentHash })), { conflict: '' });
    }),
    forget: (ids) => port.tx(function* () {
      yield* run(`DELETE FROM output_files WHERE output = @output AND ${d.inList('item_id', '@ids')}`, { output, ids });
      yield* run(`DELETE FROM output_notes WHERE output = @output AND ${d.inList('item_id', '@ids')}`, { output, ids });
    }),
    pending: async (after, limit) => {
      const seq = await synced(output);
      return port.run(function* () {
        const found = yield* rows<ItemRow>(
          `${selectItems(d, 'full')} WHERE i.seq > @after AND i.hidden_by IS NULL ORDER BY i.seq LIMIT @limit`, { after: Math.max(after, seq), limit });
        return found.map((r) => toStored<'full'>(r));
      });
    },
    orphans: (prefix = '', since?: number) =>
      port.run(function* () {
        const args = { output, prefix };
        const range = `rel_path >= @prefix AND rel_path < @prefix || ${d.lastChar}`;
        if (since === undefined) return yield* rows<OutputFile>(`SELECT ${COLS} FROM output_files o WHERE output = @output AND ${range} AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = o.item_id AND i.hidden_by IS NULL) ORDER BY rel_path`, args);
        // Removed or hidden since: their ids first (by change number), then their files by key, so the
        // cost follows the changes, not the manifest.
        const ids = (yield* rows<{ id: string }>('SELECT id FROM tombstones WHERE seq > @since UNION ALL SELECT id FROM items WHERE seq > @since AND hidden_by IS NOT NULL', { since })).map((r) => r.id);
        const files = ids.length === 0 ? [] : yield* rows<OutputFile>(`SELECT ${COLS} FROM output_files WHERE output = @output AND ${d.inList('item_id', '@ids')}`, { output, ids });
        return files.filter((f) => f.relPath.startsWith(prefix)).sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
      }),
    synced: () => synced(output),
    markSynced: (seq) => port.run(function* () {
      yield* run('INSERT INTO output_state (output, synced_seq) VALUES (@output, @seq) ON CONFLICT (output) DO UPDATE SET synced_seq = excluded.synced_seq', { output, seq });
    }),
    notes: (ids) => port.run(function* () {
      return new Map((yield* rows<{ itemId: string; note: string }>(`SELECT item_id AS "itemId", note FROM output_notes WHERE output = @output AND ${d.inList('item_id', '@ids')}`, { output, ids })).map((n) => [n.itemId, n.note]));
    }),
    setNotes: (entries) => port.tx(function* () {
      yield* insertMany('output_notes', ['output', 'item_id', 'note'], [...entries].map(([id, note]) => ({ output, item_id: id, note })), { conflict: 'ON CONFLICT (output, item_id) DO UPDATE SET note = excluded.note' });
    }),
    values: (names) => port.run(function* () {
      return new Map((yield* rows<{ name: string; value: string }>(`SELECT name, value FROM output_values WHERE output = @output AND ${d.inList('name', '@names')}`, { output, names })).map((v) => [v.name, v.value]));
    }),
    setValues: (values) => port.tx(function* () {
      yield* insertMany('output_values', ['output', 'name', 'value'], [...values].map(([name, value]) => ({ output, name, value })), { conflict: 'ON CONFLICT (output, name) DO UPDATE SET value = excluded.value' });
    }),
    forgetValues: (names) => port.tx(function* () {
      yield* run(`DELETE FROM output_values WHERE output = @output AND ${d.inList('name', '@names')}`, { output, names });
    }),
    slugs: async (scope, wanted) => {
      const read = function* () {
        return new Map((yield* rows<{ key: string; slug: string }>(`SELECT key, slug FROM output_slugs WHERE output = @output AND scope = @scope AND ${d.inList('key', '@keys')}`, { output, scope, keys: [...wanted.keys()] })).map((r) => [r.key, r.slug]));
      };
      // Known keys in one read; only new keys take the write lock.
      const known = await port.run(read);
      if ([...wanted.keys()].some((k) => !known.has(k))) {
        const made = await port.tx(function* () {
          const given = new Map<string, string>();
          for (const [key, candidates] of wanted) {
            if (known.has(key)) continue;
            const base = candidates[0] ?? key;
            // The candidates, then `base-2`, `base-3` …: made one at a time, as most keys take their first.
            const tries = function* (): Generator<string> {
              yield* candidates;
              for (let n = 2; ; n++) yield `${base}-${n}`;
            };
            for (const slug of tries()) {
              if (yield* run('INSERT INTO output_slugs (output, scope, key, slug, folded) VALUES (@output, @scope, @key, @slug, @folded) ON CONFLICT DO NOTHING', { output, scope, key, slug, folded: fold(slug) })) {
                given.set(key, slug);
                break;
              }
              // Another process gave this key its slug meanwhile: that one it is.
              const theirs = yield* one<{ slug: string }>('SELECT slug FROM output_slugs WHERE output = @output AND scope = @scope AND key = @key', { output, scope, key });
              if (theirs) {
                given.set(key, theirs.slug);
                break;
              }
            }
          }
          return given;
        });
        for (const [k, v] of made) known.set(k, v);
      }
      return new Map([...wanted.keys()].map((k) => [k, known.get(k)!]));
    },
  });
}
