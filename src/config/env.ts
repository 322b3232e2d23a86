/**
 * `${NAME}` and `${NAME:-default}` in string values are replaced from the environment.
 * Unset names without a default become empty (an unset optional key is then absent) and are reported.
 */
export function substituteEnv(value: string, env: NodeJS.ProcessEnv, missing: Set<string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, key: string, dflt: string | undefined) => {
    const v = env[key];
    if (v !== undefined && v !== '') return v;
    if (dflt === undefined) missing.add(key);
    return dflt ?? '';
  });
}
