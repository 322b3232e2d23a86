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
  options: Record<string, OptionSpec>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: Io): Promise<number>;
}

export const CONFIG_OPTION: OptionSpec = { type: 'string', short: 'c', default: 'broadsheet.yml', description: 'configuration file' };
