import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicHost, publicOnlyLookup } from './address.js';

describe('isPublicHost', () => {
  const resolve = async (host: string) => ({ 'ok.test': ['93.184.216.34'], 'mixed.test': ['93.184.216.34', '10.0.0.1'], 'mapped.test': ['::ffff:127.0.0.1'] })[host] ?? [];
  it('reads literals by their range and names by every address they resolve to', async () => {
    expect(await isPublicHost('[::ffff:7f00:1]', resolve)).toBe(false);
    expect(await isPublicHost('ok.test', resolve)).toBe(true);
    expect(await isPublicHost('mixed.test', resolve)).toBe(false);
    expect(await isPublicHost('mapped.test', resolve)).toBe(false);
    expect(await isPublicHost('app.localhost', resolve)).toBe(false);
  });
});

describe('a connection from a public origin (issue 25: DNS rebinding)', () => {
  let server: Server;
  let port = 0;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end('secret');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('never connects to a name that resolves to a private address when the connection is made', async () => {
    // A name that looked public when checked and resolves to this machine when connecting.
    const rebound = ((_host: string, _o: unknown, cb: (e: null, a: Array<{ address: string; family: number }>) => void) => cb(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as typeof import('node:dns').lookup;
    const agent = new Agent({ connect: { lookup: publicOnlyLookup(rebound) } });
    await expect(fetch(`http://rebound.test:${port}/`, { dispatcher: agent })).rejects.toMatchObject({ cause: { code: 'EADDRNOTPUBLIC' } });
    expect(requests).toBe(0);
    await agent.close();
  });
});
