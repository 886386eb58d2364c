/**
 * A full garbage collection every 32 MiB of input read, on a long run of the CLI (issue #13, SPEC §8:
 * peak RSS ≤ 150 MB). Rows and their findings die young, but what survives two young collections
 * (a batch's rows, the purge log's queued rows) reaches the old generation, which V8 lets grow for the
 * whole of a 1M-row run without one full collection: a purge's main heap went from 50 to 70 MB, and
 * its peak RSS sat on 150 MB (npm run bench, 2026-12-07). A full collection of that heap takes about
 * 10 ms, six times on the bench file. It is the CLI's to do, as it owns the process: the core never
 * touches process-wide settings, and a library caller keeps V8's own rhythm.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const EVERY_BYTES = 32 * 1024 * 1024;

/** V8's collector, exposed on first need (null: not available in this runtime). */
let gc: (() => void) | null | undefined;

function collector(): (() => void) | undefined {
  if (gc === undefined) {
    try {
      // Exposed to new contexts only: the program's own global gets no `gc`.
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('gc');
      gc = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      gc = null;
    }
  }
  return gc ?? undefined;
}

/** A progress hook that collects once per 32 MiB of input read; `bytes` is the count read so far. */
export function collectAsRead(everyBytes = EVERY_BYTES): (bytes: number) => boolean {
  let next = everyBytes;
  return (bytes) => {
    if (bytes < next) return false;
    next = bytes + everyBytes;
    const run = collector();
    run?.();
    return run !== undefined;
  };
}
