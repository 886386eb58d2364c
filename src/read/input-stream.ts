/**
 * An input file as a byte stream. A regular file is read by fs, as always. A named pipe (FIFO) is read
 * through the event loop instead (issue #16: SIGTERM always works): fs reads it in a worker thread,
 * and a worker blocked in open() — no writer yet — or in read() — a silent writer — cannot be stopped,
 * so the process could not exit, even on a signal. Here the open still waits for a writer (in a worker:
 * a FIFO opened without one would read as empty), and a stop wakes it by opening the pipe's other end
 * for an instant; once open, the pipe is read like stdin, without a worker.
 */
import { closeSync, constants, createReadStream, open, openSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';

export interface InputStreamOptions {
  highWaterMark?: number;
}

function isFifo(path: string): boolean {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false; // the read reports it
  }
}

/** Lets a worker blocked opening `path` for reading go: a writer comes and goes (it then reads the end). */
function wake(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch { /* no reader there yet (ENXIO), or gone */ }
}

/** Opens of stopped streams not returned yet: an exit must wait for them (a blocked worker blocks it). */
const stopping = new Set<Promise<void>>();

/** Resolves once every stopped FIFO open has returned (at once when there is none). */
export async function inputsSettled(): Promise<void> {
  await Promise.all([...stopping]);
}

export function openInputStream(path: string, opts: InputStreamOptions = {}): Readable {
  if (process.platform === 'win32' || !isFifo(path)) return createReadStream(path, { highWaterMark: opts.highWaterMark });
  let pipe: Socket | undefined;
  let opening = true;
  let opened: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (opened = resolve));
  // Woken in _destroy itself, synchronously: a run that stops right after (process.exit) would never
  // see a 'close' event, queued for the next tick.
  const out = new PassThrough({
    destroy(err, callback) {
      if (opening) {
        // The worker may not have reached open() yet (a wake then finds no reader): woken again each
        // turn until its open returns.
        stopping.add(done);
        const again = () => {
          if (!opening) return;
          wake(path);
          setImmediate(again);
        };
        again();
      }
      pipe?.destroy();
      callback(err);
    },
  });
  open(path, constants.O_RDONLY, (err, fd) => {
    opening = false;
    stopping.delete(done);
    opened();
    if (err) return void out.destroy(err);
    if (out.destroyed) return void closeSync(fd);
    pipe = new Socket({ fd, readable: true, writable: false });
    pipe.on('error', (e) => out.destroy(e));
    pipe.pipe(out);
  });
  return out;
}
