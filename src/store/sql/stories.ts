import type { StoriesPart, StoryReports } from '../parts/stories.js';
import { toStored, type ItemRow } from '../rows.js';
import { insertMany, rows, run, type SqlPort } from './port.js';
import { selectItems } from './select-items.js';

/** Story grouping's keys and decisions, and the reports of a story. */
export function storiesPart(port: SqlPort): StoriesPart {
  const d = port.dialect;
  return {
    candidates: (keys, from, to, least, limit) => port.run(function* () {
      if (keys.length === 0) return [];
      return yield* rows<{ id: string; shared: number }>(
        `SELECT item_id AS id, count(*) AS shared FROM story_keys WHERE ${d.inList('key', '@keys')} AND at >= @from AND at <= @to GROUP BY item_id HAVING count(*) >= @least ORDER BY count(*) DESC, item_id LIMIT @limit`,
        { keys: [...keys], from, to, least, limit });
    }),
    assign: (decisions) => port.tx(function* () {
      for (const x of decisions) {
        yield* run(`UPDATE items SET story_id = @storyId, seq = ${d.nextSeq} WHERE id = @id`, { id: x.id, storyId: x.storyId });
        // Every report of the story it joins shows it among the others.
        if (x.storyId !== x.id) yield* run(`UPDATE items SET seq = ${d.nextSeq} WHERE story_id = @storyId AND id <> @id`, { id: x.id, storyId: x.storyId });
        yield* insertMany('story_keys', ['key', 'item_id', 'at'], [...new Set(x.keys)].map((key) => ({ key, item_id: x.id, at: x.at })), { conflict: 'ON CONFLICT DO NOTHING' });
      }
    }, 'items'),
    reports: (storyIds, most, least = 1) => port.run(function* () {
      const ranked = selectItems(d, 'summary').replace(' FROM items i', ', row_number() OVER (PARTITION BY i.story_id ORDER BY i.sort_at, i.id) AS story_rank, count(*) OVER (PARTITION BY i.story_id) AS story_size FROM items i');
      // Stories told fewer times left out by their index alone, before any report is read.
      const told = least > 1 ? `i.story_id IN (SELECT story_id FROM items WHERE ${d.inList('story_id', '@ids')} AND hidden_by IS NULL GROUP BY story_id HAVING count(*) >= @least)` : d.inList('i.story_id', '@ids');
      const found = yield* rows<ItemRow & { story_rank: number; story_size: number }>(
        `SELECT * FROM (${ranked} WHERE ${told} AND i.hidden_by IS NULL) r WHERE story_rank <= @most ORDER BY sort_at, id`, { ids: [...storyIds], most, ...(least > 1 ? { least } : {}) });
      const out = new Map<string, StoryReports>();
      for (const r of found) {
        const story = out.get(r.story_id!) ?? { first: [], total: Number(r.story_size) };
        story.first.push(toStored<'summary'>(r));
        out.set(r.story_id!, story);
      }
      return out;
    }),
    forget: (before) => port.tx(() => run('DELETE FROM story_keys WHERE at < @before', { before }), 'items'),
  };
}
