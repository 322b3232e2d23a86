import { spawn } from 'node:child_process';
import { siteSettings } from '../../config/index.js';
import { BroadsheetError } from '../../shared/index.js';
import type { Command } from '../command.js';
import { loadContext } from '../context.js';
import { startPreview } from '../serve/server.js';

/** Opens a URL in the desktop's browser, if there is one; a server without a desktop just serves. */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  spawn(cmd, args, { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'preview site.out on 127.0.0.1 under the same paths as the deployed site, reloading pages after each build',
  options: {
    port: { type: 'string', short: 'p', default: '4000', description: 'port to listen on (the next free one if taken)' },
    open: { type: 'boolean', description: 'open the site in the browser' },
  },
  async run(values, _, io) {
    const ctx = await loadContext(String(values.config), io, values.verbose === true);
    const site = siteSettings(ctx.config);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BroadsheetError('cli.usage', `--port must be a number from 0 to 65535, got ${String(values.port)}`);
    const base = new URL(site.url).pathname;
    const preview = await startPreview({ root: site.out, base, port, onReload: () => io.out('site changed: pages reload') });
    io.out(`serving ${site.out} at ${preview.url} (Ctrl-C stops)`);
    if (values.open === true) openBrowser(preview.url);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void preview.close().then(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
