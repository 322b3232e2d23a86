import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../atomic-write.js';

/**
 * The file an output leaves in its folder: which store state the folder holds. A dotfile, so Hexo
 * skips it in the posts folder and Pages' artifact leaves it out.
 */
export const MARKER_FILE = '.broadsheet-output.json';
/** The output's note holding the random token its folders' markers carry. */
const TOKEN = 'folder';

/** What a marker check reads of the output's state in the store (an `OutputPart` is one). */
export interface MarkedOutput {
  values(names: readonly string[]): Promise<Map<string, string>>;
  setValues(values: ReadonlyMap<string, string>): Promise<void>;
  synced(): Promise<number>;
}

interface Marker {
  output: string;
  token: string;
  synced: number;
}

const markerText = (root: string): string | null => {
  try {
    return readFileSync(join(root, MARKER_FILE), 'utf8');
  } catch {
    return null;
  }
};

function readMarker(root: string): Partial<Marker> | null {
  try {
    const m: unknown = JSON.parse(markerText(root) ?? 'null');
    return m !== null && typeof m === 'object' ? (m as Partial<Marker>) : null;
  } catch {
    return null;
  }
}

/**
 * Why `root` cannot be trusted to hold what the output's manifest describes, or null when it can:
 * the folder's marker names this store's output and the change it was last brought up to. One file
 * read and two keyed reads, whatever the size of the output: a fresh runner's empty folder, a deleted
 * or emptied one, or another store's, is found before an incremental pass trusts the manifest.
 */
export async function folderDoubt(root: string, output: string, state: MarkedOutput): Promise<string | null> {
  const token = (await state.values([TOKEN])).get(TOKEN);
  // This store never wrote the output: its manifest is empty and trusts nothing.
  if (token === undefined) return null;
  const marker = readMarker(root);
  if (!marker) return `${root} holds no ${output} output of this store (no ${MARKER_FILE})`;
  if (marker.output !== output || marker.token !== token) return `${root} was written from another store`;
  const synced = await state.synced();
  if (marker.synced !== synced) return `${root} holds the ${output} output as of change ${String(marker.synced)}, the store's manifest describes change ${synced}`;
  return null;
}

/** Record in `root` that it now holds the output as of change `synced` (call after the pass is complete). */
export async function markFolder(root: string, output: string, state: MarkedOutput, synced: number): Promise<void> {
  let token = (await state.values([TOKEN])).get(TOKEN);
  if (token === undefined) {
    token = randomBytes(12).toString('hex');
    await state.setValues(new Map([[TOKEN, token]]));
  }
  const marker: Marker = { output, token, synced };
  const text = `${JSON.stringify(marker)}\n`;
  // An unchanged folder keeps its marker untouched, like its pages.
  if (markerText(root) !== text) writeFileAtomicSync(join(root, MARKER_FILE), text);
}
