import type { ItemFields, ItemOf, ItemsPart, NameCount, NameCounts } from '../parts/items.js';
import type { SafeHtml } from '../../content/index.js';
import { toStored, type ItemRow } from '../rows.js';
import { filterOf, HIDDEN_IDS, orderOf, placedStoryCount, storyCount } from '../filter.js';

/** Carrying rows of items that no rule hides. */
const SHOWN = `item_id NOT IN (${HIDDEN_IDS})`;
import { listedIds, retentionCutoff } from '../retention.js';
import { insertMany, one, rows, run, type Sql, type SqlPort } from './port.js';
import { selectItems } from './select-items.js';
import { upsertItems } from './upsert.js';

/** Items, the sources that carried them, and tombstones of what retention removed. */
export function itemsPart(port: SqlPort): ItemsPart {
  const d = port.dialect;
  // The other reports of these items' stories show them (a count, a list): they change with them.
  const STORY_MATES_CHANGED = `UPDATE items SET seq = ${d.nextSeq} WHERE story_id IN (SELECT story_id FROM items WHERE ${d.inList('id', '@ids')} AND story_id IS NOT NULL) AND NOT (${d.inList('id', '@ids')})`;
  const stored = <F extends ItemFields>(found: ItemRow[], fields: F): ItemOf<F>[] => found.map((r) => toStored(r, fields));
  return {
    importItems: (sourceId, items, at, frontMatter) => port.tx(function* () {
      const { storedAs, ...r } = yield* upsertItems(d, sourceId, items, at, 'import');
      // The front matter of what was stored or told anew, under the story it became.
      const kept = new Set([...r.created, ...r.updated]);
      const told = items.flatMap((i) => (kept.has(storedAs.get(i.id)!) && frontMatter.has(i.id) ? [{ item_id: storedAs.get(i.id)!, front_matter: frontMatter.get(i.id)! }] : []));
      yield* insertMany('imported_posts', ['item_id', 'front_matter'], told, { conflict: 'ON CONFLICT (item_id) DO UPDATE SET front_matter = excluded.front_matter' });
      return r;
    }, 'items'),
    importedFrontMatter: (ids) => port.run(function* () {
      return new Map((yield* rows<{ item_id: string; front_matter: string }>(`SELECT item_id, front_matter FROM imported_posts WHERE ${d.inList('item_id', '@ids')}`, { ids })).map((r) => [r.item_id, r.front_matter]));
    }),
    importedIds: () => port.run(function* () {
      return (yield* rows<{ item_id: string }>('SELECT item_id FROM imported_posts ORDER BY item_id')).map((r) => r.item_id);
    }),
    query: (q) => port.run(function* () {
      const { where, args } = filterOf(q, q.limit + 1);
      const found = yield* rows<ItemRow>(`${selectItems(d, q.fields)}${where} ORDER BY ${orderOf('i', 'id', q.oldestFirst)} LIMIT @limit`, { ...args, limit: q.limit + 1 });
      const items = stored(found.slice(0, q.limit), q.fields);
      const last = items.at(-1);
      return { items, next: found.length > q.limit && last ? { sortAt: last.sortAt, id: last.id } : null };
    }),
    byIds: <F extends ItemFields>(ids: readonly string[], fields: F) => port.run(function* () {
      const found = new Map(stored(yield* rows<ItemRow>(`${selectItems(d, fields)} WHERE ${d.inList('i.id', '@ids')}`, { ids }), fields).map((i) => [i.id, i]));
      return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    }),
    changes: <F extends ItemFields>(afterSeq: number, limit: number, fields: F) =>
      port.run(function* () {
        return stored(yield* rows<ItemRow>(`${selectItems(d, fields)} WHERE i.seq > @after ORDER BY i.seq LIMIT @limit`, { after: afterSeq, limit }), fields);
      }),
    counts: (o = {}) => port.run(function* (): Sql<NameCounts> {
      // Each story once in each list: its distinct stories are what a list shows.
      const n = o.stories ? placedStoryCount('p') : 'count(DISTINCT p.item_id)';
      const from = `item_sources p WHERE ${SHOWN}`;
      return {
        channels: yield* rows<NameCount>(`SELECT p.category, p.site, p.channel, ${n} AS items FROM ${from} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
        sites: yield* rows<NameCounts['sites'][number]>(`SELECT p.category, p.site, ${n} AS items FROM ${from} GROUP BY 1, 2 ORDER BY 1, 2`),
        categories: yield* rows<NameCounts['categories'][number]>(`SELECT p.category, ${n} AS items FROM ${from} GROUP BY 1 ORDER BY 1`),
        total: (yield* one<{ n: number }>(`SELECT ${o.stories ? storyCount('i') : 'count(*)'} AS n FROM items i WHERE i.hidden_by IS NULL`))!.n,
      };
    }),
    count: (q) => port.run(function* () {
      const { where, args } = filterOf(q);
      return (yield* one<{ n: number }>(`SELECT count(*) AS n FROM items i${where}`, args))!.n;
    }),
    days: (offset, o = {}) => port.run(() => rows<{ day: string; items: number }>(
      `SELECT ${d.day('i.sort_at')} AS day, ${o.stories ? storyCount('i') : 'count(*)'} AS items FROM items i WHERE i.hidden_by IS NULL GROUP BY 1 ORDER BY 1 DESC`, { offset })),
    activity: (since, offset) =>
      port.run(() => rows<{ sourceId: string; day: string; items: number }>(
        `SELECT source_id AS "sourceId", ${d.day('sort_at')} AS day, count(*) AS items FROM item_sources WHERE sort_at >= @since AND ${SHOWN} GROUP BY 1, 2 ORDER BY 1, 2`, { since, offset })),
    setHidden: (changes) => port.tx(function* () {
      const ids = [...changes.keys()];
      const now = new Map((yield* rows<{ id: string; hidden_by: string | null }>(`SELECT id, hidden_by FROM items WHERE ${d.inList('id', '@ids')}`, { ids })).map((r) => [r.id, r.hidden_by]));
      const changed = ids.filter((id) => now.has(id) && (now.get(id) ?? null) !== changes.get(id));
      // A new change number each: every output looks at it again (a page taken away, or back).
      for (const id of changed) yield* run(`UPDATE items SET hidden_by = @rule, seq = ${d.nextSeq} WHERE id = @id`, { id, rule: changes.get(id) ?? null });
      if (changed.length) yield* run(STORY_MATES_CHANGED, { ids: changed });
      return changed;
    }, 'items'),
    hiddenCounts: () => port.run(function* () {
      return new Map((yield* rows<{ rule: string; n: number }>('SELECT hidden_by AS rule, count(*) AS n FROM items WHERE hidden_by IS NOT NULL GROUP BY 1 ORDER BY 1')).map((r) => [r.rule, r.n]));
    }),
    lastSeq: () => port.tx(() => d.lastSeq(), 'seq'),
    removedSince: (after) => port.run(function* () {
      return (yield* rows<{ id: string }>('SELECT id FROM tombstones WHERE seq > @after ORDER BY seq', { after })).map((r) => r.id);
    }),
    articles: (itemIds) => port.run(function* () {
      const found = yield* rows<{ id: string; html: string; excerpt: string; page_url: string; page_etag: string | null; page_modified: string | null }>(
        `SELECT b.item_id AS id, b.html, i.excerpt, b.page_url, b.page_etag, b.page_modified FROM item_bodies b JOIN items i ON i.id = b.item_id WHERE ${d.inList('b.item_id', '@ids')} AND b.page_url IS NOT NULL`, { ids: [...itemIds] });
      return new Map(found.map((r) => [r.id, { page: { url: r.page_url, etag: r.page_etag, lastModified: r.page_modified }, html: r.html as SafeHtml, excerpt: r.excerpt }]));
    }),
    entryHashes: (sourceIds) => port.run(function* () {
      const of = new Map(sourceIds.map((id) => [id, new Map<string, string>()]));
      for (const r of yield* rows<{ source_id: string; id: string; entry_hash: string }>(`SELECT source_id, id, entry_hash FROM items WHERE ${d.inList('source_id', '@ids')} AND entry_hash IS NOT NULL`, { ids: sourceIds })) of.get(r.source_id)!.set(r.id, r.entry_hash);
      return of;
    }),
    prune: (retention, now) => port.tx(function* () {
      const ids = new Set<string>();
      if (retention.days !== undefined) {
        for (const { id } of yield* rows<{ id: string }>('SELECT id FROM items WHERE first_seen_at < @cutoff', { cutoff: retentionCutoff(retention.days, now) })) ids.add(id);
      }
      if (retention.perSource !== undefined) {
        // Per source, by its index: what is past the newest N costs a walk of that source's items only.
        for (const { id: source } of yield* rows<{ id: string }>('SELECT id FROM sources')) {
          for (const { id } of yield* rows<{ id: string }>(`SELECT id FROM items WHERE source_id = @source ORDER BY sort_at DESC, id DESC ${d.offset('@n')}`, { source, n: retention.perSource })) ids.add(id);
        }
      }
      for (const id of listedIds(yield* rows<{ listed: string }>('SELECT listed FROM sources WHERE listed IS NOT NULL'))) ids.delete(id);
      const args = { ids: [...ids], at: now.toISOString() };
      if (ids.size === 0) return [];
      yield* run(
        `INSERT INTO tombstones (id, canonical_link, removed_at, first_seen_at, seq) SELECT id, canonical_link, @at, first_seen_at, ${d.nextSeq} FROM items WHERE ${d.inList('id', '@ids')}
         ON CONFLICT (id) DO UPDATE SET canonical_link = excluded.canonical_link, removed_at = excluded.removed_at, first_seen_at = excluded.first_seen_at, seq = excluded.seq`, args);
      yield* run(STORY_MATES_CHANGED, args);
      for (const table of ['item_sources', 'item_bodies', 'imported_posts', 'story_keys']) yield* run(`DELETE FROM ${table} WHERE ${d.inList('item_id', '@ids')}`, args);
      yield* run(`DELETE FROM items WHERE ${d.inList('id', '@ids')}`, args);
      return args.ids;
    }, 'items'),
  };
}
