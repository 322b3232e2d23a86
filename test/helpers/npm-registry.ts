import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

/** What npm-shrinkwrap.json says of one installed package (the fields a manifest needs). */
interface Locked {
  version: string;
  integrity?: string;
  dev?: boolean;
  [field: string]: unknown;
}

export interface NpmRegistry {
  /** With the trailing slash npm wants for `registry`. */
  url: string;
  /** Tarballs npm asked for that npm's cache does not hold (`npm ci` puts every installed one there). */
  missing: string[];
  close(): Promise<void>;
}

const MANIFEST_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'os', 'cpu', 'libc', 'hasInstallScript', 'license'];

const newer = (a: string, b: string): boolean => {
  const [x, y] = [a, b].map((v) => v.split(/[.+-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return x![i]! > y![i]!;
  return false;
};

/** Where npm's cache keeps a tarball: content-addressed by its sha512, which the lock file names. */
function cachedTarball(cache: string, integrity: string): string | null {
  const sha512 = integrity.split(/\s+/).find((i) => i.startsWith('sha512-'));
  if (!sha512) return null;
  const hex = Buffer.from(sha512.slice('sha512-'.length), 'base64').toString('hex');
  return join(cache, '_cacache/content-v2/sha512', hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

/**
 * A registry on 127.0.0.1 that knows exactly the packages a shrinkwrap locks for production, each
 * tarball served from npm's own cache: installing the packed package (a tarball or a git URL)
 * resolves its dependencies with no network. npm resolves a tarball's dependencies from the
 * registry's full documents before it reads the shrinkwrap inside, and `npm ci` caches tarballs,
 * not those documents, so an `--offline` install works only where something else once filled them.
 */
export async function startNpmRegistry(shrinkwrap: string): Promise<NpmRegistry> {
  const cache = process.env.npm_config_cache ?? execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  const packages = (JSON.parse(readFileSync(shrinkwrap, 'utf8')) as { packages: Record<string, Locked> }).packages;
  const byName = new Map<string, Map<string, Locked>>();
  for (const [path, locked] of Object.entries(packages)) {
    if (!path || locked.dev || !locked.integrity) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!byName.has(name)) byName.set(name, new Map());
    byName.get(name)!.set(locked.version, locked);
  }
  const missing: string[] = [];
  const sockets = new Set<Socket>();
  let url = '';
  const packument = (name: string, versions: Map<string, Locked>) => {
    const latest = [...versions.keys()].reduce((a, b) => (newer(b, a) ? b : a));
    const base = name.split('/').pop()!;
    return {
      name,
      'dist-tags': { latest },
      versions: Object.fromEntries([...versions].map(([version, locked]) => [version, {
        name, version,
        ...Object.fromEntries(MANIFEST_FIELDS.filter((f) => locked[f] !== undefined).map((f) => [f, locked[f]])),
        dist: { tarball: `${url}${name}/-/${base}-${version}.tgz`, integrity: locked.integrity },
      }])),
    };
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    const [name, file] = path.split('/-/');
    const versions = byName.get(name!);
    if (!versions) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    if (file === undefined) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument(name!, versions)));
    const version = file.slice(name!.split('/').pop()!.length + 1, -'.tgz'.length);
    const tarball = versions.get(version)?.integrity && cachedTarball(cache, versions.get(version)!.integrity!);
    if (!tarball || !existsSync(tarball)) {
      missing.push(`${name}@${version}`);
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(tarball).pipe(res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    missing,
    close: () => new Promise<void>((done) => {
      for (const s of sockets) s.destroy();
      server.close(() => done());
    }),
  };
}
