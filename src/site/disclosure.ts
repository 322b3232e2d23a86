import type { SourceError, SourceHealth } from '../store/index.js';
import { hostOf } from '../shared/index.js';
import type { BuildContext } from './context.js';

/* What the published site tells of where its sources are fetched from (issue 25, 27): never a self-hosted instance's host, a private feed's host or a credential. */

/** Text shown on published pages with every RSSHub instance's base URL written as `rsshub:/` (so `rsshub://route`). */
export function unpublished(instances: readonly string[] | undefined): (text: string) => string {
  if (!instances?.length) return (text) => text;
  const base = new RegExp(instances.map((i) => i.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  return (text) => text.replace(base, 'rsshub:/');
}

/** What the published pages say of where a source is fetched from: its public address, an RSSHub route as `rsshub://…`, or nothing. */
export function addressOf(ctx: BuildContext, h: SourceHealth): string | null {
  if (ctx.site.private) return null;
  return ctx.publicUrls.get(h.sourceId) ?? (h.kind === 'rsshub' ? ctx.unpublished(h.url) : null);
}

/** A failure as the published pages tell it: by its code alone under `site.private`, else without the host of a source that has no public address. */
export function errorOf(ctx: BuildContext, h: SourceHealth): SourceError | null {
  if (!h.lastError) return null;
  if (ctx.site.private) return { ...h.lastError, message: '' };
  const host = ctx.publicUrls.has(h.sourceId) || h.kind !== 'feed' ? null : hostOf(h.url);
  const message = ctx.unpublished(h.lastError.message);
  return { ...h.lastError, message: host ? message.split(host).join('…') : message };
}
