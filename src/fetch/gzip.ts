import { gunzipSync } from 'node:zlib';
import { BroadsheetError } from '../shared/index.js';

/**
 * Some servers (and files on disk) hold gzip bytes without saying so in Content-Encoding.
 * Inflate them, under the same cap as any body, so a bomb still costs only its source.
 */
export function gunzipIfCompressed(bytes: Uint8Array, maxBytes: number, where: string): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new BroadsheetError('fetch.too-large', `${where} inflates to more than ${maxBytes} bytes (fetch.maxBytes)`, { url: where }, { cause: e });
    }
    throw new BroadsheetError('feed.malformed', `${where} has gzip bytes that do not inflate: ${(e as Error).message}`, { url: where }, { cause: e });
  }
}
