import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from './server.js';

describe('serve at the root of a host (issue 25 #7)', () => {
  let dir = '';
  let preview: PreviewServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-serve-'));
    mkdirSync(join(dir, 'categories'));
    writeFileSync(join(dir, 'categories/index.html'), '<!doctype html><title>分类</title>');
    preview = await startPreview({ root: dir, base: '/', port: 0 });
  });
  afterAll(async () => {
    await preview?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('redirects a folder to its slash on this host, never to the host a crafted path names', async () => {
    const origin = new URL(preview.url).origin;
    const r = await fetch(`${origin}/%2Fevil.example%2F..%2Fcategories`, { redirect: 'manual' });
    expect(r.status).toBe(301);
    expect(new URL(r.headers.get('location')!, origin).origin).toBe(origin);
    const plain = await fetch(`${origin}/categories`, { redirect: 'manual' });
    expect([plain.status, plain.headers.get('location')]).toEqual([301, '/categories/']);
  });
});
