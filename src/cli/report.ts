import { isFailing, type RunReport, type SourceOutcome } from '../pipeline/index.js';
import { formatTable } from './table.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
// A server's text reaches the terminal here: no control (C0, DEL, C1: escape sequences, CSI) gets through.
const oneLine = (s: string): string => s.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ').replace(/\s+/g, ' ').slice(0, 160);

const minute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')}Z`;

/** `via` names the instance that served a route, where there are several. */
export function outcomeRow(o: SourceOutcome, via = false): string[] {
  const status =
    o.status === 'failed' ? `failed${o.httpStatus ? ` ${o.httpStatus}` : ''}`
    : o.notStarted ? 'not started'
    : o.instancesResting ? `waiting: every instance rests${o.nextAttemptAt ? ` until ${minute(o.nextAttemptAt)}` : ''}`
    : via && o.servedBy ? `${o.status} via ${new URL(o.servedBy).host}`
    : o.status === 'skipped' ? (o.nextAttemptAt ? `${o.fresh ? 'fresh' : 'skipped'} until ${minute(o.nextAttemptAt)}` : 'skipped')
    : o.status;
  return [o.source.id, `${o.source.site} / ${o.source.channel}`, String(o.seen), String(o.newItems), status, seconds(o.elapsedMs), o.error ? `${o.error.code}: ${oneLine(o.error.message)}` : ''];
}

/** One line per host whose every source failed to connect: the cause is the network or the instance, not the feeds. */
function unreachableHosts(outcomes: readonly SourceOutcome[]): string {
  const byHost = new Map<string, SourceOutcome[]>();
  for (const o of outcomes) {
    const host = URL.canParse(o.source.url) ? new URL(o.source.url).host : '';
    if (host && o.source.kind !== 'file') byHost.set(host, [...(byHost.get(host) ?? []), o]);
  }
  const down = [...byHost].filter(([, list]) => list.length > 1 && list.every((o) => o.error?.code === 'fetch.network'));
  return down.map(([host, list]) => `${host} is unreachable (${list.length} sources): check the network${list[0]!.source.kind === 'rsshub' ? ' or rsshub.instance' : ''}\n`).join('');
}

const megabytes = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MB`;

/** `fullText` sources: articles read, pages unchanged, and each item that kept the feed's content, with why (five at most). */
function fullTextLines(report: RunReport): string {
  const of = report.outcomes.filter((o) => o.fullText);
  if (of.length === 0) return '';
  const read = of.reduce((n, o) => n + o.fullText!.read, 0);
  const unchanged = of.reduce((n, o) => n + o.fullText!.unchanged, 0);
  const kept = of.flatMap((o) => o.fullText!.kept.map((k) => `  ${o.source.id}: ${oneLine(k.title).slice(0, 40)}: ${oneLine(k.why)}`));
  return `full text: ${read} article${read === 1 ? '' : 's'} read from their pages${unchanged ? `, ${unchanged} page${unchanged === 1 ? '' : 's'} unchanged since read (kept)` : ''}${kept.length ? `; ${kept.length} kept the feed's content:\n${kept.slice(0, 5).join('\n')}${kept.length > 5 ? `\n  … and ${kept.length - 5} more (--json lists them)` : ''}` : ''}\n`;
}

/** How many new reports joined a story another outlet told first. */
function storiesLine(report: RunReport): string {
  const s = report.stories;
  return s?.joined ? `stories: ${s.joined} of ${s.grouped} new report${s.grouped === 1 ? '' : 's'} told a story another outlet reported first (shown once on the site)\n` : '';
}

/** What the rules hide, per rule (the ones that hide something). */
function rulesLine(report: RunReport): string {
  if (!report.rules) return '';
  const hits = Object.entries(report.rules.hidden);
  const total = hits.reduce((n, [, k]) => n + k, 0);
  return `rules hide ${total} item${total === 1 ? '' : 's'}${hits.length ? ` (${hits.map(([rule, n]) => `${rule}: ${n}`).join('; ')})` : ''}${report.rules.changed ? `; ${report.rules.changed} hidden or shown again in this run` : ''}\n`;
}

/** An RSSHub instance that rests, said once for all its routes. */
function restingInstances(report: RunReport): string {
  return (report.instances ?? [])
    .filter((i) => i.openUntil !== null && i.openUntil > report.finishedAt)
    .map((i) => `RSSHub instance ${i.url} rests until ${minute(i.openUntil!)} after ${i.failures} failure${i.failures === 1 ? '' : 's'} in a row${i.lastError ? ` (${i.lastError.code}${i.lastError.status ? ` ${i.lastError.status}` : ''}: ${oneLine(i.lastError.message)})` : ''}; ${(report.instances?.length ?? 0) > 1 ? 'its routes go to the next instance' : 'its routes wait for it'}\n`)
    .join('');
}

export function formatReport(report: RunReport): string {
  const via = (report.instances?.length ?? 0) > 1;
  const table = formatTable(['source', 'site / channel', 'items', 'new', 'status', 'time', 'error'], report.outcomes.map((o) => outcomeRow(o, via)));
  const failed = report.outcomes.filter((o) => o.status === 'failed').length;
  const backingOff = report.outcomes.filter(isFailing).length - failed;
  const fresh = report.outcomes.filter((o) => o.fresh).length;
  const items = report.outcomes.reduce((n, o) => n + o.seen, 0);
  const outputs = Object.entries(report.outputs)
    .map(([name, p]) => `; ${name === 'hexo' ? 'posts' : name}: ${p.created} new, ${p.updated} updated, ${p.unchanged} unchanged, ${p.removed} removed`)
    .join('');
  const pruned = report.pruned ? `; ${report.pruned} items pruned by retention` : '';
  const th = report.thumbnails;
  const thumbs = th ? `\nthumbnails: ${th.made} made, ${th.failed} could not be had${th.left ? `, ${th.left} left for the next run` : ''}; ${th.kept} kept, ${megabytes(th.bytes)} of the ${megabytes(th.budget)} budget (site.imagesBudget)` : '';
  const cut = report.outcomes
    .filter((o) => o.cut)
    .map((o) => `${o.source.id}: ${o.cut!.length} item${o.cut!.length === 1 ? '' : 's'} cut to the limits (${[...new Set(o.cut!.flatMap((c) => c.fields))].join(', ')}), such as "${oneLine(o.cut![0]!.title).slice(0, 40)}"\n`)
    .join('');
  const waiting = report.outcomes.filter((o) => o.notStarted).length;
  const stopped = waiting ? `${waiting} sources not started before the run was stopped (--deadline or a signal): they go first next run\n` : '';
  const refused = Object.values(report.outputs).flatMap((p) => [...(p.notice ? [p.notice] : []), ...p.refused]).map((line) => `${line}\n`).join('');
  return `${table}\n\n${restingInstances(report)}${fullTextLines(report)}${rulesLine(report)}${storiesLine(report)}${unreachableHosts(report.outcomes)}${cut}${stopped}${refused}${report.outcomes.length} sources, ${failed} failed${backingOff ? `, ${backingOff} backing off after failures` : ''}${fresh ? `, ${fresh} not due yet (their feeds' ttl or cache time; --force fetches them)` : ''}, ${items} items${outputs}${pruned}${thumbs}`;
}

/** For machines: `--json`. Errors as code + message only. */
export function reportJson(report: RunReport): string {
  return JSON.stringify(
    {
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      outputs: report.outputs,
      pruned: report.pruned,
      ...(report.thumbnails ? { thumbnails: report.thumbnails } : {}),
      ...(report.instances ? { instances: report.instances } : {}),
      ...(report.rules ? { rules: report.rules } : {}),
      ...(report.stories ? { stories: report.stories } : {}),
      ...(report.phases ? { phases: report.phases } : {}),
      sources: report.outcomes.map((o) => ({
        id: o.source.id,
        url: o.source.url,
        category: o.source.category,
        site: o.source.site,
        channel: o.source.channel,
        status: o.status,
        backingOff: o.backingOff ?? false,
        fresh: o.fresh ?? false,
        instancesResting: o.instancesResting ?? false,
        ...(o.fullText ? { fullText: o.fullText } : {}),
        servedBy: o.servedBy ?? null,
        notStarted: o.notStarted ?? false,
        cut: o.cut ?? [],
        httpStatus: o.httpStatus ?? null,
        items: o.seen,
        new: o.newItems,
        updated: o.updatedItems,
        nextAttemptAt: o.nextAttemptAt ?? null,
        elapsedMs: o.elapsedMs,
        attempts: o.attempts,
        format: o.format ?? null,
        charset: o.charset ?? null,
        error: o.error ? { code: o.error.code, message: o.error.message } : null,
        // The items made in this run: new entries and entries changed since the last run.
        entries: o.headlines,
      })),
    },
    null,
    2,
  );
}
