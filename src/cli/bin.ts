/**
 * Process wiring for the CLI: argv, streams, signals. SIGINT/SIGTERM/SIGHUP abort the run; the core removes
 * its temp files and the exit code is 130 (SPEC §1). A second signal removes them at once and exits.
 */
import { once } from 'node:events';
import { VERSION } from '../version.js';

export async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // A lone --version answers before commander and the message catalogues load (SPEC §8: ≤ 150 ms);
  // the output is commander's own.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const [{ run }, { removeAllTempFiles }, { AuditError }] = await Promise.all([
    import('./main.js'), import('../write/atomic.js'), import('../errors.js'),
  ]);
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
  // A closed terminal (SIGHUP) is an interruption too: without a handler Node dies at once, leaving
  // the temp files of the cleaned file and the rejects (issue #16).
  process.on('SIGHUP', onSignal);
  // stdout failing (EPIPE under `| head`, ENOSPC under `> /dev/full`) fails the run: it stops, exit 2
  // with one line, and nothing is committed (issue #16). The writers see it too, through the stream's
  // own \`errored\` (src/write/drain.ts).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (!controller.signal.aborted) {
      controller.abort(new AuditError('E_OUTPUT_UNWRITABLE', { what: 'standard output', detail: e.code ?? e.message }));
    }
  });
  // A terminal closed under the run (SIGHUP) makes stderr fail too: the one error line is lost, but the
  // run must still clean up and exit with its code rather than die on an unhandled 'error'.
  process.stderr.on('error', () => undefined);
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
  // An aborted run (a signal, stdout gone) is over: an input still being opened in the background (a
  // FIFO no one writes to) must not keep the process alive (issue #16: SIGTERM always works). Exits
  // once what the streams still hold is written (they are synchronous on Linux; not all elsewhere).
  if (controller.signal.aborted) {
    // One turn of the event loop first: what the end of the run queued (a stream's close) runs; and a
    // FIFO input still being opened is let go (an exit would wait for its blocked worker forever).
    await new Promise((turn) => setImmediate(turn));
    await (await import('../read/input-stream.js')).inputsSettled();
    const held = [process.stdout, process.stderr].filter((s) => !s.destroyed && s.writableLength > 0);
    await Promise.race([Promise.all(held.map((s) => once(s, 'drain'))), ...held.map((s) => once(s, 'error'))]).catch(() => undefined);
    process.exit(code);
  }
}
