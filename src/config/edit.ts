import { readFile } from 'node:fs/promises';
import type { YAMLSeq } from 'yaml';
import { BroadsheetError, onFirstUse, writeFileAtomic } from '../shared/index.js';
import { parseConfig } from './load.js';

/** A `sources:` entry as written into broadsheet.yml. */
export interface SourceEntry {
  route?: string;
  url?: string;
  file?: string;
  category?: string;
  site?: string;
  channel?: string;
}

const yaml = onFirstUse<typeof import('yaml')>('yaml');

const targetOf = (e: SourceEntry): string => e.route ?? e.url ?? e.file ?? '';

/**
 * Edit the `sources:` list of a config file in place, keeping its comments and layout (the yaml
 * Document API), written atomically. `change` gets the targets already listed.
 */
export async function editSources(file: string, change: (listed: Set<string>) => { add?: SourceEntry[]; remove?: string[] }): Promise<{ added: number; removed: number; notListed: string[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new BroadsheetError('config.not-found', `cannot read config ${file}: ${(e as Error).message}`, { file }, { cause: e });
  }
  const { isMap, isSeq, parseDocument, YAMLSeq } = yaml();
  const doc = parseDocument(text);
  if (doc.errors.length) throw new BroadsheetError('config.syntax', `${file}: YAML syntax error: ${doc.errors[0]!.message.split('\n')[0]}`, { file });
  let seq = doc.get('sources', true);
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.set('sources', seq);
  }
  const list = seq as YAMLSeq;
  list.flow = false; // `sources: []` grows into a block list, one entry per item
  const targetAt = (i: number): string => {
    const node = list.items[i];
    return isMap(node) ? String(node.get('route') ?? node.get('url') ?? node.get('file') ?? '') : '';
  };
  const listed = new Set(list.items.map((_, i) => targetAt(i)));
  const { add = [], remove = [] } = change(listed);
  let removed = 0;
  const notListed = remove.filter((r) => !listed.has(r));
  for (let i = list.items.length - 1; i >= 0; i--) {
    if (remove.includes(targetAt(i))) {
      list.items.splice(i, 1);
      removed++;
    }
  }
  let added = 0;
  for (const e of add) {
    if (listed.has(targetOf(e))) continue;
    list.add(doc.createNode(Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined))));
    listed.add(targetOf(e));
    added++;
  }
  if (added || removed) {
    const edited = doc.toString({ lineWidth: 0 });
    // The edited file must still load: refuse (and write nothing) rather than leave a config every command rejects.
    try {
      parseConfig(edited, file);
    } catch (e) {
      throw new BroadsheetError('config.invalid', `${file} was not changed: the edit would make it invalid:\n${(e as Error).message}`, { file }, { cause: e });
    }
    await writeFileAtomic(file, edited);
  }
  return { added, removed, notListed };
}
