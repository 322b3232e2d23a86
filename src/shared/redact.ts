/**
 * Secrets (the RSSHub access key and anything derived from it) must never reach logs,
 * output files or error messages. Every string leaving the program passes through a Redactor.
 */
export type Redactor = (text: string) => string;

const QUERY_SECRET = /([?&](?:key|code)=)[^&#\s"'<>]*/gi;

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const literal = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  return (text) => {
    let out = text.replace(QUERY_SECRET, '$1***');
    for (const s of literal) out = out.split(s).join('***');
    return out;
  };
}

export const noRedaction: Redactor = (text) => text.replace(QUERY_SECRET, '$1***');
