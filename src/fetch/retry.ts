/** Longest Retry-After we wait for; a server asking for more fails this run and is tried next run. */
export const MAX_RETRY_AFTER_MS = 60_000;
const BASE_DELAY_MS = 500;

export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/** Retry-After as seconds or an HTTP date → milliseconds to wait, or null if absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** Exponential backoff with full jitter on top of the base: attempt 1 → 0.5–1 s, 2 → 1–2 s, … */
export function backoffMs(attempt: number, random: () => number): number {
  const base = BASE_DELAY_MS * 2 ** (attempt - 1);
  return Math.round(base + base * random());
}
