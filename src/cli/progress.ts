import type { SourceOutcome } from '../pipeline/index.js';
import type { Io } from './io.js';
import { outcomeRow } from './report.js';

/** A bar on a terminal; one plain line per finished source elsewhere (CI logs). */
export function progressReporter(io: Io, quiet: boolean): (o: SourceOutcome, done: number, total: number) => void {
  return (o, done, total) => {
    if (quiet) return;
    if (io.status) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      io.status(`[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${o.source.id}`);
      if (done === total) io.status('');
    } else {
      const [id, names, items, , status, time] = outcomeRow(o);
      io.err(`[${done}/${total}] ${id} (${names}) ${status} ${items} items ${time}${o.error ? ` ${o.error.code}` : ''}`);
    }
  };
}
