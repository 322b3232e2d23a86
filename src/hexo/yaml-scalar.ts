/** YAML scalars written by hand to match the reference byte for byte, and proven by round-trip tests. */
export const singleQuoted = (s: string): string => `'${s.replace(/'/g, "''")}'`;

// Plain only when a YAML 1.1/1.2 reader takes it back as the same string: no indicator first, no `: ` or ` #`,
// no surrounding space, and not a word or number YAML would turn into something else.
const INDICATOR_FIRST = /^[-?:,[\]{}#&*!|>'"%@`]/;
const SPECIAL = /^(?:~|null|true|false|yes|no|on|off|y|n|[-+.\d][\d._:eE+-]*|\.inf|\.nan)$/i;

export function plainOrQuoted(s: string): string {
  const plainSafe =
    s !== '' && !INDICATOR_FIRST.test(s) && !/:(\s|$)|\s#|^\s|\s$|[\n\r\t]/.test(s) && !SPECIAL.test(s);
  return plainSafe ? s : singleQuoted(s);
}
