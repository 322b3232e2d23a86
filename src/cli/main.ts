import { parseArgs } from 'node:util';
import { BroadsheetError, VERSION, asBroadsheetError, exitCodeOf } from '../shared/index.js';
import type { Command } from './command.js';
import { checkCommand } from './commands/check.js';
import { fetchCommand, runCommand } from './commands/run.js';
import { statusCommand } from './commands/status.js';
import { hexoCommand } from './commands/hexo.js';
import { buildCommand } from './commands/build.js';
import { importCommand } from './commands/import.js';
import { catalogCommand } from './commands/catalog.js';
import { sourcesCommand } from './commands/sources.js';
import { exportCommand } from './commands/export.js';
import { processIo, type Io } from './io.js';

export const COMMANDS: readonly Command[] = [runCommand, fetchCommand, buildCommand, statusCommand, hexoCommand, catalogCommand, sourcesCommand, importCommand, exportCommand, checkCommand];

function usage(cmd?: Command): string {
  if (cmd) {
    const opts = Object.entries(cmd.options).map(([name, o]) => {
      const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ' <value>' : ''}`;
      return `  ${flag.padEnd(28)}${o.description}${o.default !== undefined ? ` (default: ${String(o.default)})` : ''}`;
    });
    return [`usage: broadsheet ${cmd.name} [options]`, '', cmd.summary, '', 'options:', ...opts].join('\n');
  }
  return [
    'usage: broadsheet <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`),
    '',
    'broadsheet <command> --help for its options; broadsheet --version',
  ].join('\n');
}

/** Exit codes: 0 done (source failures are reported, not fatal), 1 --strict with failures or any other error, 2 bad usage or config (see `exitCodeOf`). */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.out(VERSION);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  try {
    if (!cmd) throw new BroadsheetError('cli.usage', `unknown command "${name}"\n\n${usage()}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(usage(cmd));
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: cmd.options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new BroadsheetError('cli.usage', `${(e as Error).message}\n\n${usage(cmd)}`);
    }
    return await cmd.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
  } catch (e) {
    const error = asBroadsheetError(e);
    io.err(`broadsheet: ${error.message}`);
    return exitCodeOf(error.code);
  }
}
