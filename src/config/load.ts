import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Document, LineCounter, Node } from 'yaml';
import { BroadsheetError, onFirstUse } from '../shared/index.js';
import { configSchema } from './schema.js';
import { substituteEnv } from './env.js';
import { readQuickly, type ConfigLines } from './quick-read.js';
import type { Config, ParsedConfig, SiteSettings, SourceConfig } from './types.js';

// Only a config the quick reader refused is read by `yaml`'s document.
const yaml = onFirstUse<typeof import('yaml')>('yaml');

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
}

/** The site's settings: the `site:` section, or its defaults when there is none (`broadsheet build` still works). */
export function siteSettings(config: Config): SiteSettings {
  return config.site ?? configSchema(dirname(config.file)).shape.site.unwrap().parse({});
}

export async function loadConfig(file: string, opts: LoadOptions = {}): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new BroadsheetError('config.not-found', `cannot read config ${file}: ${(e as Error).message}`, { file }, { cause: e });
  }
  return parseConfig(text, file, opts);
}

type Path = readonly (string | number)[];

/** Line (1-based) of the deepest node that exists along `path`. */
function lineOf(doc: Document, counter: LineCounter, path: Path): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | undefined;
    if (node && 'range' in node && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Line of a key (not its value) so "unknown key" points at the key itself. */
function lineOfKey(doc: Document, counter: LineCounter, path: Path, key: string): number | undefined {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const { isMap, isScalar } = yaml();
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
  }
  return lineOf(doc, counter, path);
}

const showPath = (path: Path): string => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || '(top level)';

/** A config file's text, checked and with its defaults: read quickly where it is valid, by `yaml`'s document where it is not (its errors name the line). */
export function parseConfig(text: string, file: string, opts: LoadOptions = {}): Config {
  const quick = readQuickly(text, opts.env ?? process.env);
  const parsed = quick && configSchema(dirname(resolve(file))).safeParse(quick.raw);
  return parsed?.success ? assemble(parsed.data, file, quick!.lines) : parseConfigDocument(text, file, opts);
}

function assemble(c: ParsedConfig, file: string, lines: ConfigLines): Config {
  const sources: SourceConfig[] = c.sources.map((s, i) => {
    const { rules, ...rest } = s;
    return { ...rest, line: lines.source(i), ...(rules ? { rules: rules.map((r, j) => ({ ...r, line: lines.sourceRule(i, j) })) } : {}) };
  });
  return { ...c, file: resolve(file), sources, rules: c.rules.map((r, i) => ({ ...r, line: lines.rule(i) })) };
}

/** The same by `yaml`'s document, which keeps every node's place: what a config with a mistake is read by. */
export function parseConfigDocument(text: string, file: string, { env = process.env }: LoadOptions = {}): Config {
  const { isSeq, LineCounter, parseDocument, visit } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = counter.linePos(syntax.pos[0]).line;
    throw new BroadsheetError('config.syntax', `${file}:${line}: YAML syntax error: ${syntax.message.split('\n')[0]}`, { file, line });
  }
  const missing = new Set<string>();
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string') node.value = substituteEnv(node.value, env, missing);
    },
  });
  const raw: unknown = doc.toJS() ?? {};
  const dir = dirname(resolve(file));
  const parsed = configSchema(dir).safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const unknown = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const path = issue.path as Path;
      const line = unknown[0] ? lineOfKey(doc, counter, path, unknown[0]) : lineOf(doc, counter, path);
      const where = unknown.length ? `${showPath([...path, unknown[0]!])}` : showPath(path);
      const msg = unknown.length ? `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : issue.message;
      return { line, text: `${file}:${line ?? '?'}: ${where}: ${msg}` };
    });
    const hint = missing.size ? ` (unset environment variables: ${[...missing].join(', ')})` : '';
    throw new BroadsheetError('config.invalid', lines.map((l) => l.text).join('\n') + hint, { file, line: lines[0]?.line });
  }
  const sourcesNode = doc.get('sources', true);
  return assemble(parsed.data, file, {
    source: (i) => {
      const item = isSeq(sourcesNode) ? (sourcesNode.items[i] as Node | undefined) : undefined;
      return item?.range ? counter.linePos(item.range[0]).line : 0;
    },
    sourceRule: (i, j) => lineOf(doc, counter, ['sources', i, 'rules', j]) ?? 0,
    rule: (i) => lineOf(doc, counter, ['rules', i]) ?? 0,
  });
}
