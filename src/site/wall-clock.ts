/** Instants whose wall time is worked out by arithmetic: 1971 to 8999, where years print plainly. */
const FIRST = Date.UTC(1971, 0, 1);
const LAST = Date.UTC(8999, 0, 1);
const HOUR = 3_600_000;
/** Hours remembered at most (a store's items span a few thousand). */
const HOURS_KEPT = 100_000;

/**
 * The wall time (as a UTC timestamp) an instant reads in a time zone, or null where only Intl can say.
 * Each UTC hour's start is read from Intl once, and an instant in it is that plus its minutes and
 * seconds — where the zone's offset is the same at the hour's start and end (an hour with a change of
 * offset in it is left to Intl). A build gives every item's time and day several times (each list it
 * is in, its page, its feeds), and one Intl call costs microseconds.
 */
export function wallClock(timeZone: string): (ms: number) => number | null {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const read = (ms: number): number => {
    const n = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const p of format.formatToParts(ms)) if (p.type in n) n[p.type as keyof typeof n] = Number(p.value);
    return Date.UTC(n.year, n.month - 1, n.day, n.hour, n.minute, n.second);
  };
  const hours = new Map<number, number | null>();
  return (ms) => {
    if (!(ms >= FIRST && ms < LAST)) return null;
    const hour = Math.floor(ms / HOUR);
    let start = hours.get(hour);
    if (start === undefined) {
      if (hours.size >= HOURS_KEPT) hours.clear();
      const wall = read(hour * HOUR);
      start = read((hour + 1) * HOUR) - wall === HOUR ? wall : null;
      hours.set(hour, start);
    }
    return start === null ? null : start + (ms - hour * HOUR);
  };
}
