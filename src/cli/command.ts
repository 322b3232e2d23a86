import type { Io } from './io.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  default?: string | boolean;
  description: string;
}

/** A command is data: its options (with help text) and what it does with them. */
export interface Command {
  name: string;
  summary: string;
  /** What follows the command name, where it takes words (`add <route>…`). */
  usage?: string;
  /** Options of this command alone; the general ones (GENERAL_OPTIONS) work with every command. */
  options: Record<string, OptionSpec>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: Io): Promise<number>;
}

export const CONFIG_OPTION: OptionSpec = { type: 'string', short: 'c', default: 'broadsheet.yml', description: 'configuration file' };

/** Options that mean the same for every command, accepted anywhere on the line. */
export const GENERAL_OPTIONS: Record<string, OptionSpec> = {
  config: CONFIG_OPTION,
  json: { type: 'boolean', description: 'print the report as JSON on stdout' },
  strict: { type: 'boolean', description: 'exit 1 when any source failed or is backing off after failures (status, run, fetch; check: on warnings)' },
  force: { type: 'boolean', description: 'ignore back-off and stored validators (no conditional GET)' },
  quiet: { type: 'boolean', short: 'q', description: 'no progress output' },
  verbose: { type: 'boolean', short: 'v', description: 'debug logging on stderr' },
};
