import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { exitCodeOf } from '../src/shared/index.js';
import { rssFeed } from './helpers/rss.js';
import { captureIo, tempDir, writeConfig } from './helpers/workspace.js';

describe('exit codes', () => {
  it('come from one table: 2 for usage and configuration, 1 for everything else', () => {
    expect(['config.invalid', 'config.syntax', 'config.not-found', 'cli.usage'].map((c) => exitCodeOf(c as never))).toEqual([2, 2, 2, 2]);
    expect(['output.write', 'store.open', 'catalog.fetch', 'catalog.corrupt', 'import.read', 'internal'].map((c) => exitCodeOf(c as never))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('are 1 when the posts folder cannot be written, and name the file', async () => {
    const ws = await tempDir();
    writeFileSync(join(ws.dir, 'posts'), 'a file where the posts folder should be');
    writeFileSync(join(ws.dir, 'f.xml'), rssFeed('本地', [{ title: '一条', guid: 'x' }]));
    const config = await writeConfig(ws.dir, 'sources:\n  - file: f.xml\n    category: c\n    site: s\n    channel: ch\nhexo:\n  posts: posts\nstore:\n  path: s.db\n');
    const io = captureIo(ws.dir);
    expect(await main(['run', '-c', config, '-q'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain(join(ws.dir, 'posts'));
    await ws.cleanup();
  });

  it('report a corrupt catalog cache as such, with what to do', async () => {
    const ws = await tempDir();
    mkdirSync(join(ws.dir, '.broadsheet'));
    writeFileSync(join(ws.dir, '.broadsheet/catalog.json'), '{"entries": [tr');
    const config = await writeConfig(ws.dir, 'sources:\n  - route: /x\n');
    const io = captureIo(ws.dir);
    expect(await main(['status', '-c', config], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/catalog cache .*catalog\.json is corrupt .*broadsheet catalog update/);
    await ws.cleanup();
  });

  it('read the catalog only when a command needs it: a config naming every source runs beside a corrupt cache', async () => {
    const ws = await tempDir();
    mkdirSync(join(ws.dir, '.broadsheet'));
    writeFileSync(join(ws.dir, '.broadsheet/catalog.json'), '{"entries": [tr');
    const config = await writeConfig(ws.dir, 'sources:\n  - route: /x\n    category: 新闻\n    site: 测试\n    channel: 要闻\n');
    const io = captureIo(ws.dir);
    expect(await main(['status', '-c', config], io)).toBe(0);
    expect(io.stderr.join('\n')).not.toMatch(/corrupt/);
    // `check` looks every route up in the catalog: it reads it, and says it is corrupt.
    const checked = captureIo(ws.dir);
    expect(await main(['check', '-c', config], checked)).toBe(1);
    expect(checked.stderr.join('\n')).toMatch(/catalog cache .*catalog\.json is corrupt/);
    await ws.cleanup();
  });

  it('let `catalog update` replace a corrupt cache, as the error tells the user to', async () => {
    const ws = await tempDir();
    mkdirSync(join(ws.dir, '.broadsheet'));
    writeFileSync(join(ws.dir, '.broadsheet/catalog.json'), '{"entries": [tr');
    const routes = join(ws.dir, 'routes.json');
    writeFileSync(routes, JSON.stringify({ sspai: { name: '少数派', categories: ['new-media'], routes: { '/matrix': { path: '/matrix', name: 'Matrix', example: '/sspai/matrix', parameters: {} } } } }));
    const config = await writeConfig(ws.dir, 'sources:\n  - route: /sspai/matrix\n');
    expect(await main(['catalog', 'update', '--from', routes, '-c', config], captureIo(ws.dir))).toBe(0);
    const io = captureIo(ws.dir);
    expect(await main(['status', '-c', config], io)).toBe(0);
    expect(io.stderr.join('\n')).toBe('');
    await ws.cleanup();
  });
});

describe('--strict', () => {
  it('counts a source backing off after failures as failing, in run and in status (issue: --strict exits 0)', async () => {
    const ws = await tempDir();
    writeFileSync(join(ws.dir, 'ok.xml'), rssFeed('好', [{ title: '一条', guid: 'x' }]));
    const config = await writeConfig(ws.dir, 'sources:\n  - file: ok.xml\n    category: c\n    site: s\n    channel: ok\n  - file: missing.xml\n    category: c\n    site: s\n    channel: gone\nhexo:\n  posts: posts\nstore:\n  path: s.db\n');
    const first = captureIo(ws.dir);
    expect(await main(['run', '-q', '--strict', '-c', config], first)).toBe(1);
    const second = captureIo(ws.dir);
    expect(await main(['run', '-q', '--strict', '-c', config], second)).toBe(1);
    expect(second.stdout.join('\n')).toMatch(/2 sources, 0 failed, 1 backing off after failures/);
    expect(await main(['run', '-q', '-c', config], captureIo(ws.dir))).toBe(0);
    const status = captureIo(ws.dir);
    expect(await main(['status', '--strict', '-c', config], status)).toBe(1);
    expect(status.stdout.join('\n')).toContain('2 sources, 1 failing');
    // In the config's order, with all three names, the error whole (not a terminal).
    const lines = status.stdout.join('\n').split('\n');
    expect(lines.findIndex((l) => l.includes('c / s / ok'))).toBeLessThan(lines.findIndex((l) => l.includes('c / s / gone')));
    expect(status.stdout.join('\n')).toContain(join(ws.dir, 'missing.xml'));
    expect(await main(['status', '-c', config], captureIo(ws.dir))).toBe(0);
    await ws.cleanup();
  });
});

describe('a host that cannot be reached', () => {
  it('is named once in the summary, with what to check', async () => {
    const ws = await tempDir();
    const config = await writeConfig(ws.dir, 'rsshub:\n  instance: http://127.0.0.1:9\nfetch: { retries: 0 }\nsources:\n  - route: /a\n    category: c\n    site: s\n    channel: a\n  - route: /b\n    category: c\n    site: s\n    channel: b\nhexo:\n  posts: posts\nstore:\n  path: s.db\n');
    const io = captureIo(ws.dir);
    expect(await main(['run', '-q', '-c', config], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('127.0.0.1:9 is unreachable (2 sources): check the network or rsshub.instance');
    await ws.cleanup();
  });
});

describe('check', () => {
  it('finds what would fail at run time: a missing feed file and a posts folder that is a file (issue: check passes them)', async () => {
    const ws = await tempDir();
    writeFileSync(join(ws.dir, 'posts'), 'not a folder');
    const config = await writeConfig(ws.dir, 'sources:\n  - file: missing.xml\n    category: c\n    site: s\n    channel: ch\nhexo:\n  posts: posts\n');
    const io = captureIo(ws.dir);
    expect(await main(['check', '--offline', '-c', config], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(`${config}:2: source file-`);
    expect(io.stderr.join('\n')).toContain(`${join(ws.dir, 'missing.xml')} is not a file`);
    expect(io.stderr.join('\n')).toContain(`hexo.posts: ${join(ws.dir, 'posts')} is a file, not a folder`);
    expect(io.stdout.join('\n')).not.toContain(': ok');
    await ws.cleanup();
  });
});
