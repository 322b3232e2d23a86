import type { Config, RuleConfig } from '../config/index.js';
import { ruleSet, type RuleSet } from '../content/index.js';
import { sha256Hex } from '../shared/index.js';
import type { Source } from '../sources/index.js';
import { inSeqOrder, type Store } from '../store/index.js';

/** What the rules hide after a pass: items per rule, and how many changed state in it. */
export interface RulesReport {
  hidden: Record<string, number>;
  changed: number;
}

/** The rules pass keeps its state as an output does: it reads the store and writes a view of it. */
const STATE = 'rules';
const BATCH = 500;

/** Each source's own rules, under its id. */
function rulesBySource(config: Config, sources: readonly Source[]): Map<string, readonly RuleConfig[]> {
  // By the config line each source came from: one look-up a source (10,000 sources searched one by one took 2.6 s).
  const byLine = new Map(config.sources.flatMap((c) => (c.rules?.length ? [[c.line, c.rules] as const] : [])));
  const perSource = new Map<string, readonly RuleConfig[]>();
  for (const s of sources) {
    const rules = s.options.line === undefined ? undefined : byLine.get(s.options.line);
    if (rules) perSource.set(s.id, rules);
  }
  return perSource;
}

/** The config's rules, a source's own under its id. */
export const configuredRules = (config: Config, sources: readonly Source[]): RuleSet => ruleSet(config.file, config.rules, rulesBySource(config, sources));

/**
 * Rules hide, they never delete (issue 22): each item a rule hides is marked with it, and outputs leave
 * it out at their next pass; a rule removed or changed shows again what it hid. Only items changed
 * since the last pass are looked at, unless the rules changed (then every item), or one looks at age.
 */
export async function applyRules(config: Config, sources: readonly Source[], store: Store, now: Date): Promise<RulesReport | null> {
  const perSource = rulesBySource(config, sources);
  const rules = ruleSet(config.file, config.rules, perSource);
  const state = store.outputs(STATE);
  const known = await state.values(['fingerprint', 'seq']);
  const fingerprint = sha256Hex(JSON.stringify([config.rules, [...perSource]]));
  // Never had rules and has none: nothing to do, nothing to say.
  if (rules.empty && !known.has('fingerprint')) return null;
  const from = known.get('fingerprint') === fingerprint && !rules.ages ? Number(known.get('seq') ?? 0) : 0;
  let changed = 0;
  const fields = rules.readsBody ? 'full' : 'summary';
  for await (const batch of inSeqOrder((after) => store.items.changes(after, BATCH, fields), from)) {
    const wanted = new Map<string, string | null>();
    for (const item of batch) {
      const by = rules.empty ? null : rules.hiddenBy(item, now);
      if (by !== item.hiddenBy) wanted.set(item.id, by);
    }
    // Those changed come round again in this walk (a new seq), and then agree.
    if (wanted.size) changed += (await store.items.setHidden(wanted)).length;
  }
  await state.setValues(new Map([['fingerprint', fingerprint], ['seq', String(await store.items.lastSeq())]]));
  return { hidden: Object.fromEntries(await store.items.hiddenCounts()), changed };
}
