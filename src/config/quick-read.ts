import jsyaml from 'js-yaml';
import { substituteEnv } from './env.js';

/** Where each source and rule of a config starts (1-based lines; 0 where it is not known). */
export interface ConfigLines {
  source(i: number): number;
  sourceRule(i: number, j: number): number;
  rule(i: number): number;
}

/**
 * A config's data and its sources' and rules' lines, read by js-yaml with the core schema (YAML 1.2's
 * types, as `yaml` reads them): about eight times faster than `yaml`'s document (a 10,000-source file
 * 70 ms against 550 ms), which matters because every command reads the config. Null when js-yaml
 * cannot read it: the document reader then says where and why.
 */
export function readQuickly(text: string, env: NodeJS.ProcessEnv): { raw: unknown; lines: ConfigLines } | null {
  const open: number[] = [];
  const startOf = new Map<object, number>();
  let data: unknown;
  try {
    data = jsyaml.load(text, {
      schema: jsyaml.CORE_SCHEMA,
      // Each node opens at its first line and closes with its value: objects are kept with where they began.
      listener(event, state) {
        if (event === 'open') open.push(state.line);
        else {
          const line = open.pop()!;
          if (state.result !== null && typeof state.result === 'object') startOf.set(state.result as object, line + 1);
        }
      },
    });
  } catch {
    return null;
  }
  const lineOf = (value: unknown) => (value !== null && typeof value === 'object' ? (startOf.get(value) ?? 0) : 0);
  const at = (value: unknown, key: string | number): unknown => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined);
  const sources = at(data, 'sources');
  const lines: ConfigLines = {
    source: (i) => lineOf(at(sources, i)),
    sourceRule: (i, j) => lineOf(at(at(at(sources, i), 'rules'), j)),
    rule: (i) => lineOf(at(at(data, 'rules'), i)),
  };
  return { raw: withEnv(data ?? {}, env), lines };
}

/** Every string, key or value, with `${NAME}` filled in from the environment (as the document reader does). */
function withEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return substituteEnv(v, env, missing);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [substituteEnv(k, env, missing), walk(x)]));
    return v;
  };
  return walk(value);
}
