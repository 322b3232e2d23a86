// Runs the CLI from source in a child process (tests that kill it mid-run).
import { main } from '../../src/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
