/**
 * Process wiring for the CLI: argv, streams, signals. SIGINT/SIGTERM abort the run; the core removes
 * its temp files and the exit code is 130 (SPEC §1). A second signal removes them at once and exits.
 */
import { VERSION } from '../version.js';

export async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // A lone --version answers before commander and the message catalogues load (SPEC §8: ≤ 150 ms);
  // the output is commander's own.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const [{ run }, { removeAllTempFiles }] = await Promise.all([import('./main.js'), import('../write/atomic.js')]);
  const controller = new AbortController();
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals === 1) controller.abort();
    else {
      removeAllTempFiles();
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // EPIPE on stdout (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      removeAllTempFiles();
      process.exit(process.exitCode ?? 0);
    }
  });
  const code = await run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
  removeAllTempFiles();
  process.exitCode = code;
}
