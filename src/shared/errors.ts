/**
 * Stable codes, each with the exit code it means when it ends a command: 2 for what the user must
 * fix in the command line or the configuration, 1 for everything else. Tests and the run report
 * match on codes; people read the message.
 */
const EXIT_CODES = {
  'config.not-found': 2,
  'config.syntax': 2,
  'config.invalid': 2,
  'cli.usage': 2,
  'fetch.http': 1,
  'fetch.timeout': 1,
  'fetch.network': 1,
  'fetch.too-large': 1,
  'fetch.too-many-redirects': 1,
  /** A redirect to something other than http(s), or from a public address into a private one. */
  'fetch.redirect-refused': 1,
  'fetch.private-address': 1,
  'fetch.empty': 1,
  'fetch.file': 1,
  'feed.unrecognized': 1,
  'feed.malformed': 1,
  /** A document that would cost far more to read than its size (entities expanding past the budget). */
  'feed.too-complex': 1,
  'catalog.read': 1,
  'catalog.fetch': 1,
  'catalog.corrupt': 1,
  'store.open': 1,
  /** The store's file is damaged: the run stops, saying how to check and recover. */
  'store.corrupt': 1,
  /** Another run or build holds the store's run lock. */
  'store.busy': 1,
  /** A store call for one source failed (busy, lost connection): that source fails, the run goes on. */
  'store.failed': 1,
  'import.read': 1,
  'hexo.read': 1,
  'output.write': 1,
  internal: 1,
} as const satisfies Record<string, 1 | 2>;

export type ErrorCode = keyof typeof EXIT_CODES;
export const ERROR_CODES = Object.keys(EXIT_CODES) as ErrorCode[];

/** The exit code of a command that ends with this error. */
export const exitCodeOf = (code: ErrorCode): 1 | 2 => EXIT_CODES[code];

/** Where a problem is: the source, the file and line, the config key or the URL. */
export interface Where {
  source?: string;
  file?: string;
  line?: number;
  key?: string;
  url?: string;
}

export class BroadsheetError extends Error {
  override name = 'BroadsheetError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly where: Where = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Classify anything thrown into a BroadsheetError once, keeping the original as cause. */
export function asBroadsheetError(e: unknown, code: ErrorCode = 'internal'): BroadsheetError {
  if (e instanceof BroadsheetError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new BroadsheetError(code, message, {}, { cause: e });
}
