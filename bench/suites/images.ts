/**
 * Suite `images`: the thumbnails of `site.images: copy` — Broadsheet's (sharp, WebP) beside jimp (pure
 * JavaScript, JPEG: it writes no WebP) on the same photographs, each in its own process: pictures per
 * second, peak RSS, bytes a thumbnail. The measurement that chose sharp.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { measure } from '../lib/proc.js';
import { fmt, markdown } from '../lib/table.js';
import { THUMBNAILERS } from '../lib/thumbnailer.js';
import type { SuiteOptions } from './parse.js';

const WORKER = resolve(import.meta.dirname, '../lib/thumbnailer.ts');

/** Photographs as feeds link them: 1200 × 800 JPEGs with grain (so they compress like photographs, ~200 KB). */
async function photographs(dir: string, n: number): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 100 + (i % 50), sigma: 40 } } }).jpeg({ quality: 85 }).toBuffer();
    bytes += jpeg.byteLength;
    await writeFile(join(dir, `${String(i).padStart(4, '0')}.jpg`), jpeg);
  }
  return bytes;
}

export async function imagesSuite(o: SuiteOptions): Promise<string> {
  const n = o.quick ? 30 : 200;
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-images-'));
  try {
    const input = await photographs(dir, n);
    const rows: (string | number)[][] = [];
    let base = 0;
    for (const name of Object.keys(THUMBNAILERS)) {
      const r = await measure(process.execPath, ['--import', 'tsx', WORKER, name, dir]);
      const { ms, bytes } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; bytes: number };
      const perSecond = n / (ms / 1000);
      base ||= perSecond;
      rows.push([name, fmt(perSecond, 1), fmt(perSecond / base, 2), r.maxRssMb === null ? '—' : fmt(r.maxRssMb, 0), fmt(bytes / n / 1024, 1)]);
    }
    return `${n} JPEG photographs, 1200 × 800 (${fmt(input / n / 1024, 0)} KB each), to 320 × 240 covers, one at a time\n\n${markdown(['thumbnailer', 'pictures/s', 'ratio to Broadsheet', 'peak RSS MB', 'KB a thumbnail'], rows)}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
