/**
 * One thumbnailer over a folder of pictures, in a process of its own (so its peak memory is its own):
 * `tsx bench/lib/thumbnailer.ts <contender> <dir>` prints `{ ms, bytes }` for 320×240 covers of every file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Jimp } from 'jimp';
import { thumbnail } from '../../src/images/index.js';

export const THUMBNAILERS: Record<string, (picture: Buffer) => Promise<Uint8Array>> = {
  // Broadsheet's own path: sharp (libvips), WebP out.
  'Broadsheet (sharp → WebP)': (p) => thumbnail(p),
  // The pure-JavaScript choice: no native code, JPEG out (it writes no WebP).
  'jimp (JavaScript → JPEG)': async (p) => {
    const img = await Jimp.read(p);
    img.cover({ w: 320, h: 240 });
    return img.getBuffer('image/jpeg', { quality: 68 });
  },
};

if (process.argv[1]?.endsWith('thumbnailer.ts')) {
  const [name, dir] = process.argv.slice(2) as [string, string];
  const make = THUMBNAILERS[name]!;
  const files = (await readdir(dir)).sort();
  let bytes = 0;
  const t0 = performance.now();
  for (const f of files) bytes += (await make(await readFile(join(dir, f)))).byteLength;
  console.log(JSON.stringify({ ms: performance.now() - t0, bytes, files: files.length }));
}
