import type { Config } from '../config/index.js';
import { conflict, KEYS_SHARED, readAlike, signatureOf, storyKeys, type Signature } from '../stories/index.js';
import { inSeqOrder, type ItemSummary, type Store, type StoryDecision } from '../store/index.js';

/** What a grouping pass did: reports it looked at, and how many joined another outlet's story. */
export interface StoriesReport {
  grouped: number;
  joined: number;
}

/** The pass keeps its place as an output does: it reads the store and writes a view of it. */
const STATE = 'stories';
const BATCH = 500;
const DAY_MS = 86_400_000;
/** Reports of one story come within days of each other: a new item is compared with those of three days either side. */
const WINDOW_MS = 3 * DAY_MS;
/**
 * The most candidates a new item is compared with: those sharing most of its headline. A feed whose
 * headlines are one template (第N期, 每日简报) would otherwise make every item a candidate of every other.
 */
const MOST_CANDIDATES = 40;
/** Keys are kept a little longer than the window looks back. */
const FORGET_EVERY_MS = 3_600_000;
const KEEP_MS = 7 * DAY_MS;

interface Known {
  id: string;
  sourceId: string;
  storyId: string;
  sig: Signature;
}

/**
 * Group the same story across outlets (issue 23). Each item is looked at once, in the order the store
 * took them (so the same store groups the same way on any machine and engine): the recent items that
 * share headline shingles with it are its candidates (never all pairs), and it joins the story of the
 * first that tells the same story (`sameStory`) from another source, where no report of that story
 * contradicts it; else it leads a story of its own.
 */
export async function groupStories(config: Config, store: Store, now: Date): Promise<StoriesReport | null> {
  // Only the site shows stories (the Hexo posts stay one per item).
  if (!config.site?.stories) return null;
  const state = store.outputs(STATE);
  const from = Number((await state.values(['seq'])).get('seq') ?? 0);
  const known = new Map<string, Known>();
  const report: StoriesReport = { grouped: 0, joined: 0 };
  for await (const batch of inSeqOrder((after) => store.items.changes(after, BATCH, 'summary'), from)) {
    const decided: StoryDecision[] = [];
    // This batch's decisions, not yet stored, are candidates for what follows them.
    const pending = new Map<string, Array<{ id: string; at: number }>>();
    for (const item of batch) {
      if (item.storyId !== null) continue;
      const sig = signatureOf({ title: item.title, lead: item.excerpt });
      const keys = storyKeys(sig);
      const at = Date.parse(item.sortAt);
      const storyId = await storyOf(store, item, sig, keys, at, pending, known);
      decided.push({ id: item.id, storyId, keys, at: item.sortAt });
      known.set(item.id, { id: item.id, sourceId: item.sourceId, storyId, sig });
      for (const k of keys) pending.set(k, [...(pending.get(k) ?? []), { id: item.id, at }]);
      report.grouped++;
      if (storyId !== item.id) report.joined++;
    }
    if (decided.length) await store.stories.assign(decided);
    // Bounded memory: what a long pass looked at long ago is read again if needed.
    if (known.size > 20_000) known.clear();
  }
  // Old keys go after a pass that judged items, else at most once an hour: forgetting reads every key
  // kept, which a run with nothing new need not (kept, old keys make the next items' look-ups longer).
  const forgot = Number((await state.values(['forgot'])).get('forgot') ?? 0);
  const values = new Map([['seq', String(await store.items.lastSeq())]]);
  if (report.grouped > 0 || now.getTime() - forgot >= FORGET_EVERY_MS || now.getTime() < forgot) {
    await store.stories.forget(new Date(now.getTime() - KEEP_MS).toISOString());
    values.set('forgot', String(now.getTime()));
  }
  await state.setValues(values);
  return report;
}

async function storyOf(store: Store, item: ItemSummary, sig: Signature, keys: readonly string[], at: number, pending: Map<string, Array<{ id: string; at: number }>>, known: Map<string, Known>): Promise<string> {
  const [from, to] = [new Date(at - WINDOW_MS).toISOString(), new Date(at + WINDOW_MS).toISOString()];
  const stored = await store.stories.candidates(keys, from, to, KEYS_SHARED, MOST_CANDIDATES);
  const counts = new Map<string, number>();
  for (const k of keys) for (const p of pending.get(k) ?? []) if (Math.abs(p.at - at) <= WINDOW_MS) counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
  const all = [...stored, ...[...counts].filter(([id, n]) => n >= KEYS_SHARED && id !== item.id).map(([id, shared]) => ({ id, shared }))];
  const shared = new Map(all.sort((x, y) => y.shared - x.shared || (x.id < y.id ? -1 : 1)).slice(0, MOST_CANDIDATES).map((c) => [c.id, c.shared]));
  shared.delete(item.id);
  if (shared.size === 0) return item.id;
  const missing = [...shared.keys()].filter((id) => !known.has(id));
  for (const c of await store.items.byIds(missing, 'summary')) {
    known.set(c.id, { id: c.id, sourceId: c.sourceId, storyId: c.storyId ?? c.id, sig: signatureOf({ title: c.title, lead: c.excerpt }) });
  }
  const stories = new Map<string, Known[]>();
  for (const id of [...shared.keys()].sort()) {
    const c = known.get(id);
    if (c) stories.set(c.storyId, [...(stories.get(c.storyId) ?? []), c]);
  }
  // The first story (by its lead's id: the same on every machine) that tells the same, from another source, contradicted by none of its reports.
  for (const [storyId, reports] of [...stories].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (reports.some((r) => r.sourceId === item.sourceId)) continue;
    // One that reads alike and none that conflicts is the same as one that is the same story (alike, no
    // conflict) and none that conflicts, with each pair's conflict worked out once.
    if (reports.some((r) => readAlike(sig, r.sig)) && reports.every((r) => conflict(sig, r.sig) === null)) return storyId;
  }
  return item.id;
}
