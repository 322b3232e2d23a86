import type { SourceHealth } from '../../store/index.js';
import { CONFIG_OPTION, type Command } from '../command.js';
import { loadContext } from '../context.js';
import { formatTable } from '../table.js';

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '—');

function row(h: SourceHealth): string[] {
  const error = h.lastError ? `${h.lastError.code}${h.lastError.status ? ` ${h.lastError.status}` : ''}: ${h.lastError.message.replace(/\s+/g, ' ').slice(0, 100)}` : '';
  return [h.sourceId, `${h.site} / ${h.channel}`, when(h.lastSuccessAt), String(h.consecutiveFailures), String(h.itemsSeen), h.averageLatencyMs === null ? '—' : `${h.averageLatencyMs} ms`, when(h.nextAttemptAt), error];
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'print the health of every source from the store',
  options: {
    config: CONFIG_OPTION,
    json: { type: 'boolean', description: 'print as JSON' },
    strict: { type: 'boolean', description: 'exit 1 when any source is failing (for monitoring)' },
  },
  async run(values, _, io) {
    const ctx = await loadContext(String(values.config), io);
    const store = ctx.openStore();
    try {
      const configured = new Set(ctx.sources.map((s) => s.id));
      const health = (await store.sources.all()).filter((h) => configured.has(h.sourceId));
      const unhealthy = values.strict === true && health.some((h) => h.consecutiveFailures > 0) ? 1 : 0;
      if (values.json) {
        io.out(ctx.redact(JSON.stringify(health.map(({ cache: _cache, ...h }) => h), null, 2)));
        return unhealthy;
      }
      const table = formatTable(['source', 'site / channel', 'last success', 'failures', 'items seen', 'latency', 'next try', 'last error'], health.map(row));
      const never = ctx.sources.filter((s) => !health.some((h) => h.sourceId === s.id && h.fetches > 0)).length;
      const failing = health.filter((h) => h.consecutiveFailures > 0).length;
      io.out(ctx.redact(`${table}\n\n${health.length} sources${failing ? `, ${failing} failing` : ''}${never ? `, ${never} never fetched` : ''}; store ${ctx.config.store.path}`));
      return unhealthy;
    } finally {
      await store.close();
    }
  },
};
