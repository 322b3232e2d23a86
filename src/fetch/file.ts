import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BroadsheetError } from '../shared/index.js';
import { decodeFeed } from './charset.js';
import { gunzipIfCompressed } from './gzip.js';
import type { FetchResult } from './types.js';

/** A feed on disk: same caps and decoding as HTTP, no validators. */
export async function fetchFile(url: string, maxBodyBytes: number, now: () => Date): Promise<FetchResult> {
  const started = now().getTime();
  const path = fileURLToPath(url);
  const elapsedMs = (): number => now().getTime() - started;
  try {
    const info = await stat(path);
    if (info.size > maxBodyBytes) {
      const error = new BroadsheetError('fetch.too-large', `${path} is larger than ${maxBodyBytes} bytes (fetch.maxBytes)`, { file: path });
      return { kind: 'failed', error, attempts: 1, elapsedMs: elapsedMs() };
    }
    const bytes = gunzipIfCompressed(await readFile(path), maxBodyBytes, path);
    if (bytes.byteLength === 0) {
      return { kind: 'failed', error: new BroadsheetError('fetch.empty', `${path} is empty`, { file: path }), attempts: 1, elapsedMs: elapsedMs() };
    }
    const { text, charset } = decodeFeed(bytes);
    return { kind: 'ok', text, charset, bytes: bytes.byteLength, finalUrl: url, status: 200, attempts: 1, elapsedMs: elapsedMs() };
  } catch (e) {
    if (e instanceof BroadsheetError) return { kind: 'failed', error: e, attempts: 1, elapsedMs: elapsedMs() };
    const error = new BroadsheetError('fetch.file', `cannot read ${path}: ${(e as Error).message}`, { file: path }, { cause: e });
    return { kind: 'failed', error, attempts: 1, elapsedMs: elapsedMs() };
  }
}
