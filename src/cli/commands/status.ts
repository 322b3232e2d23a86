import { storeName, type InstanceHealth, type SourceHealth } from '../../store/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';
import { formatTable } from '../table.js';

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '—');

/** One source; on a terminal the error is cut to fit, in a pipe or a file it is whole. */
function row(h: SourceHealth, terminal: boolean, via: boolean): string[] {
  const message = h.lastError?.message.replace(/\s+/g, ' ') ?? '';
  const error = h.lastError ? `${h.lastError.code}${h.lastError.status ? ` ${h.lastError.status}` : ''}: ${terminal ? message.slice(0, 100) : message}` : '';
  const served = via ? [h.cache.servedBy ? new URL(h.cache.servedBy).host : '—'] : [];
  return [h.sourceId, `${h.category} / ${h.site} / ${h.channel}`, when(h.lastSuccessAt), ...served, String(h.consecutiveFailures), String(h.itemsSeen), h.averageLatencyMs === null ? '—' : `${h.averageLatencyMs} ms`, when(h.nextAttemptAt), error];
}

/** Each RSSHub instance, where there are several or one is resting: well, or resting until when and why. */
function instanceLines(instances: readonly InstanceHealth[], configured: readonly string[], now: Date): string {
  const byUrl = new Map(instances.map((i) => [i.url, i]));
  const lines = configured.map((url) => {
    const i = byUrl.get(url);
    const resting = i?.openUntil && i.openUntil > now.toISOString();
    const error = i?.lastError ? ` (last error ${when(i.lastError.at)}: ${i.lastError.code}${i.lastError.status ? ` ${i.lastError.status}` : ''})` : '';
    return `RSSHub instance ${url}: ${resting ? `resting until ${when(i.openUntil)} after ${i.failures} failures in a row${error}` : `well${i?.lastOkAt ? `, last served ${when(i.lastOkAt)}` : ''}`}`;
  });
  return configured.length > 1 || lines.some((l) => l.includes(': resting')) ? `${lines.join('\n')}\n` : '';
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
      const configured = ctx.config.rsshub.instances.map((i) => i.url);
      const instances = (await store.instances.all()).filter((i) => configured.includes(i.url));
      if (values.json) {
        // An array, as before; the instances are where a route's servedBy leads.
        io.out(ctx.redact(JSON.stringify(health.map(({ cache, ...h }) => ({ ...h, servedBy: cache.servedBy ?? null })), null, 2)));
        return unhealthy;
      }
      const via = configured.length > 1;
      const head = ['source', 'category / site / channel', 'last success', ...(via ? ['served by'] : []), 'failures', 'items seen', 'latency', 'next try', 'last error'];
      const table = formatTable(head, health.map((h) => row(h, io.status !== undefined, via)));
      const fetched = new Set(health.flatMap((h) => (h.fetches > 0 ? [h.sourceId] : [])));
      const never = ctx.sources.filter((s) => !fetched.has(s.id)).length;
      const failing = health.filter((h) => h.consecutiveFailures > 0).length;
      io.out(ctx.redact(`${table}\n\n${instanceLines(instances, configured, ctx.now())}${health.length} sources${failing ? `, ${failing} failing` : ''}${never ? `, ${never} never fetched` : ''}; store ${storeName(ctx.config.store)}`));
      return unhealthy;
    } finally {
      await store.close();
    }
  },
};
