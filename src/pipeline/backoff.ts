/** A failing source waits 15 min, then 30, 60 … between attempts, at most a day; `--force` ignores the wait. */
const FIRST_WAIT_MS = 15 * 60_000;
export const MAX_WAIT_MS = 24 * 3_600_000;

export function nextAttemptAfter(failuresBefore: number, now: Date): Date {
  const wait = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(failuresBefore, 16));
  return new Date(now.getTime() + wait);
}
