/** The outside world of the CLI, injected so tests run commands like functions. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Rewrites the current stderr line (progress); absent when stderr is not a terminal. */
  status?: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
}

export function processIo(): Io {
  const tty = process.stderr.isTTY === true && !process.env.CI;
  return {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    ...(tty ? { status: (t: string) => process.stderr.write(`\r\x1b[2K${t}`) } : {}),
    env: process.env,
    cwd: process.cwd(),
  };
}
