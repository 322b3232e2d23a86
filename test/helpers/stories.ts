import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One report of the labelled sets in test/fixtures/stories (their header says the format). */
export interface Report { block: number; same: boolean; outlet: string; title: string; lead: string }

export function labelled(file: string): Report[] {
  const text = readFileSync(join(import.meta.dirname, '../fixtures/stories', file), 'utf8');
  return text.split(/\n\s*\n/).flatMap((block, n) => block.split('\n').filter((l) => /^[=!] /.test(l)).map((l) => {
    const [outlet, title, lead] = l.slice(2).split(' | ');
    return { block: n, same: l[0] === '=', outlet: outlet!, title: title!, lead: lead! };
  }));
}
