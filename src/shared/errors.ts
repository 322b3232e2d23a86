/** Stable codes: tests and the run report match on these, people read the message. */
export const ERROR_CODES = [
  'config.not-found',
  'config.syntax',
  'config.invalid',
  'fetch.http',
  'fetch.timeout',
  'fetch.network',
  'fetch.too-large',
  'fetch.too-many-redirects',
  'fetch.empty',
  'fetch.file',
  'feed.unrecognized',
  'feed.malformed',
  'catalog.read',
  'catalog.fetch',
  'store.open',
  'hexo.read',
  'hexo.write',
  'cli.usage',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
export function asBroadsheetError(e: unknown): BroadsheetError {
  if (e instanceof BroadsheetError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new BroadsheetError('internal', message, {}, { cause: e });
}
