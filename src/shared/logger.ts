import type { Redactor } from './redact.js';
import { noRedaction } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Plain `level msg key=value` lines with fixed keys, so logs filter by source; redacted on the way out. */
export function createLogger(
  write: (line: string) => void,
  { level = 'info', redact = noRedaction, base = {} }: { level?: LogLevel; redact?: Redactor; base?: LogFields } = {},
): Logger {
  const emit = (l: LogLevel, msg: string, fields: LogFields = {}): void => {
    if (ORDER[l] < ORDER[level]) return;
    const kv = Object.entries({ ...base, ...fields })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    write(redact(`${l} ${msg}${kv ? ' ' + kv : ''}`));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(write, { level, redact, base: { ...base, ...fields } }),
  };
}

export const silentLogger: Logger = createLogger(() => {}, { level: 'error' });
