import { BroadsheetError } from '../shared/index.js';

/**
 * Read a response body, stopping as soon as more than `maxBytes` arrive. fetch() has already
 * decompressed the stream, so the cap holds after decompression and a gzip bomb costs only its source.
 */
export async function readCapped(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (!res.headers.get('content-encoding') && declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge(url, maxBytes);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

const tooLarge = (url: string, maxBytes: number): BroadsheetError =>
  new BroadsheetError('fetch.too-large', `body of ${url} is larger than ${maxBytes} bytes (fetch.maxBytes)`, { url });
