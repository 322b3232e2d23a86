import type { Io } from './io.js';

/**
 * SIGINT / SIGTERM end a long-running command gently: the first aborts `signal` (saying `message`),
 * a second exits at once (every store write is a transaction, so the store stays whole).
 */
export function stopOnSignals(io: Io, message: string): { signal: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    io.out(message);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: stop.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
