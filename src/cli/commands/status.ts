import { storeName, type SourceHealth } from '../../store/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';
import { formatTable } from '../table.js';

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '—');

/** One source; on a terminal the error is cut to fit, in a pipe or a file it is whole. */
function row(h: SourceHealth, terminal: boolean): string[] {
  const message = h.lastError?.message.replace(/\s+/g, ' ') ?? '';
  const error = h.lastError ? `${h.lastError.code}${h.lastError.status ? ` ${h.lastError.status}` : ''}: ${terminal ? message.slice(0, 100) : message}` : '';
  return [h.sourceId, `${h.category} / ${h.site} / ${h.channel}`, when(h.lastSuccessAt), String(h.consecutiveFailures), String(h.itemsSeen), h.averageLatencyMs === null ? '—' : `${h.averageLatencyMs} ms`, when(h.nextAttemptAt), error];
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'print the health of every source from the store',
  options: {},
  async run(values, _, io) {
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const store = await ctx.openStore();
    try {
      // In the order of the config, which is the order the user thinks in.
      const byId = new Map((await store.sources.all()).map((h) => [h.sourceId, h]));
      const health = ctx.sources.flatMap((s) => byId.get(s.id) ?? []);
      const unhealthy = values.strict === true && health.some((h) => h.consecutiveFailures > 0) ? 1 : 0;
      if (values.json) {
        io.out(ctx.redact(JSON.stringify(health.map(({ cache: _cache, ...h }) => h), null, 2)));
        return unhealthy;
      }
      const table = formatTable(['source', 'category / site / channel', 'last success', 'failures', 'items seen', 'latency', 'next try', 'last error'], health.map((h) => row(h, io.status !== undefined)));
      const never = ctx.sources.filter((s) => !health.some((h) => h.sourceId === s.id && h.fetches > 0)).length;
      const failing = health.filter((h) => h.consecutiveFailures > 0).length;
      io.out(ctx.redact(`${table}\n\n${health.length} sources${failing ? `, ${failing} failing` : ''}${never ? `, ${never} never fetched` : ''}; store ${storeName(ctx.config.store)}`));
      return unhealthy;
    } finally {
      await store.close();
    }
  },
};
