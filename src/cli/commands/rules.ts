import { configuredRules } from '../../pipeline/index.js';
import { BroadsheetError } from '../../shared/index.js';
import { inSeqOrder } from '../../store/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';
import { formatTable } from '../table.js';

const EXAMPLES = 3;

export const rulesCommand: Command = {
  name: 'rules',
  usage: 'test [--source <id>]',
  summary: 'show what the configured rules would hide among the stored items, per rule (nothing is changed)',
  options: {
    source: { type: 'string', description: "only this source's items (its id, as in broadsheet status)" },
  },
  async run(values, positionals, io) {
    if (positionals[0] !== 'test') throw new BroadsheetError('cli.usage', 'usage: broadsheet rules test [--source <id>]');
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const only = typeof values.source === 'string' ? values.source : null;
    if (only !== null && !ctx.sources.some((s) => s.id === only)) throw new BroadsheetError('cli.usage', `no source ${only} in ${ctx.config.file} (broadsheet status lists the ids)`);
    const rules = configuredRules(ctx.config, ctx.sources);
    if (rules.empty) {
      io.out(`no rules in ${ctx.config.file}`);
      return 0;
    }
    const store = await ctx.openStore();
    try {
      const hits = new Map<string, { n: number; titles: string[] }>(rules.labels.map((l) => [l, { n: 0, titles: [] }]));
      let looked = 0;
      const now = ctx.now();
      for await (const batch of inSeqOrder((after) => store.items.changes(after, 500, rules.readsBody ? 'full' : 'summary'))) {
        for (const item of batch) {
          if (only !== null && item.sourceId !== only) continue;
          looked++;
          const by = rules.hiddenBy(item, now);
          const hit = by === null ? undefined : hits.get(by);
          if (!hit) continue;
          hit.n++;
          if (hit.titles.length < EXAMPLES) hit.titles.push(item.title.slice(0, 60));
        }
      }
      io.out(formatTable(['rule', 'would hide', 'for example'], [...hits].map(([rule, h]) => [rule, String(h.n), h.titles.join(' | ')])));
      const hidden = [...hits.values()].reduce((n, h) => n + h.n, 0);
      io.out(`\n${hidden} of ${looked} stored items${only ? ` of ${only}` : ''} would be hidden; the next run, build or hexo applies the rules (and shows again what they no longer hide)`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
