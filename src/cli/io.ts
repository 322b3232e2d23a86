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
  // A reader that stops reading (`broadsheet sources list | head`) ends the output quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exitCode ??= 0;
      stream.destroy();
    });
  }
  return {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    ...(tty ? { status: (t: string) => process.stderr.write(`\r\x1b[2K${t}`) } : {}),
    env: process.env,
    cwd: process.cwd(),
  };
}
