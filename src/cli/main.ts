import { Command as Program, CommanderError, Option } from 'commander';
import { BroadsheetError, VERSION, asBroadsheetError, exitCodeOf } from '../shared/index.js';
import { GENERAL_OPTIONS, type Command, type OptionSpec } from './command.js';
import { checkCommand } from './commands/check.js';
import { fetchCommand, runCommand } from './commands/run.js';
import { statusCommand } from './commands/status.js';
import { hexoCommand } from './commands/hexo.js';
import { initCommand } from './commands/init.js';
import { serveCommand } from './commands/serve.js';
import { watchCommand } from './commands/watch.js';
import { workerCommand } from './commands/worker.js';
import { storeCommand } from './commands/store.js';
import { buildCommand } from './commands/build.js';
import { importCommand } from './commands/import.js';
import { catalogCommand } from './commands/catalog.js';
import { rulesCommand } from './commands/rules.js';
import { sourcesCommand } from './commands/sources.js';
import { exportCommand } from './commands/export.js';
import { processIo, type Io } from './io.js';

export const COMMANDS: readonly Command[] = [initCommand, runCommand, fetchCommand, buildCommand, serveCommand, watchCommand, workerCommand, statusCommand, hexoCommand, catalogCommand, sourcesCommand, importCommand, exportCommand, storeCommand, checkCommand, rulesCommand];

const option = (name: string, o: OptionSpec): Option => {
  const flags = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ' <value>' : ''}`;
  const opt = new Option(flags, o.description);
  return o.default !== undefined ? opt.default(o.default) : opt;
};

/**
 * The command line, parsed by commander: general options (`-c`, `--json`, `-v` …) anywhere and for
 * every command, `help <command>`, suggestions for mistyped commands and options. Each command stays
 * data (`Command`) and runs as a function of its values, so tests call `main` like any function.
 */
function program(io: Io, ran: { code: number }): Program {
  const out = { writeOut: (s: string) => io.out(s.trimEnd()), writeErr: (s: string) => io.err(s.trimEnd()), outputError: (s: string, write: (s: string) => void) => write(s) };
  const p = new Program('broadsheet')
    .description('RSSHub routes and RSS / Atom / RDF / JSON feeds into a static news site and Hexo posts')
    .version(VERSION, '-V, --version')
    .configureOutput(out)
    .exitOverride()
    .showSuggestionAfterError(true)
    .helpCommand('help [command]', 'the help of a command');
  for (const [name, spec] of Object.entries(GENERAL_OPTIONS)) p.addOption(option(name, spec));
  for (const cmd of COMMANDS) {
    const sub = p.command(cmd.name).description(cmd.summary).configureOutput(out).exitOverride().showSuggestionAfterError(true);
    if (cmd.usage) sub.usage(cmd.usage);
    for (const [name, spec] of Object.entries(cmd.options)) if (!(name in GENERAL_OPTIONS)) sub.addOption(option(name, spec));
    // Commands with words after them (`sources add <route>…`) say so in their usage; the others take none.
    if (cmd.usage) sub.argument('[words...]');
    sub.action(async (...args: unknown[]) => {
      const self = args.at(-1) as Program;
      ran.code = await cmd.run(self.optsWithGlobals() as Record<string, string | boolean | undefined>, cmd.usage ? (args[0] as string[]) : [], io);
    });
  }
  return p;
}

/** Exit codes: 0 done (source failures are reported, not fatal), 1 --strict with failures or any other error, 2 bad usage or config (see `exitCodeOf`). */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const ran = { code: 0 };
  const p = program(io, ran);
  if (argv.length === 0) {
    io.out(p.helpInformation().trimEnd());
    return 2;
  }
  try {
    await p.parseAsync([...argv], { from: 'user' });
    return ran.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version asked for are answers, not errors; commander has printed the rest already.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : exitCodeOf('cli.usage');
    }
    const error = asBroadsheetError(e);
    io.err(`broadsheet: ${error.message}`);
    return error instanceof BroadsheetError ? exitCodeOf(error.code) : 1;
  }
}
