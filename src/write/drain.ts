/**
 * Writing to a stream the run does not own (stdout): with back-pressure, and without waiting forever
 * when the reader is gone (an 'error' or 'close' instead of 'drain' settles the wait).
 */
import { AuditError } from '../errors.js';

/** What the pipeline needs of such a stream; test doubles may lack the events (then nothing is awaited). */
export interface WritableLike {
  write(chunk: string | Buffer): unknown;
  on?(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
  destroyed?: boolean;
  writableFinished?: boolean;
  /** Node's own: the error the stream failed with. */
  readonly errored?: unknown;
}

function gone(stream: WritableLike, what: string): AuditError | undefined {
  if (!stream.destroyed && !stream.errored) return undefined;
  const e = stream.errored as NodeJS.ErrnoException | undefined | null;
  return new AuditError('E_OUTPUT_UNWRITABLE', { what, detail: e?.code ?? (e ? String(e) : 'closed') });
}

/**
 * Resolves once everything written so far has been handed to the system, rejects when the stream
 * failed (EPIPE, ENOSPC on \`> /dev/full\`): the outputs are committed only after this (issue #16).
 */
export async function flushWritable(stream: WritableLike, what = 'standard output'): Promise<void> {
  const failed = gone(stream, what);
  if (failed) throw failed;
  const w = stream as WritableLike & { write(chunk: string, cb: (e?: Error | null) => void): unknown };
  // A test double without callbacks has nothing to flush.
  if (typeof stream.on !== 'function' || w.write.length < 2) return;
  await new Promise<void>((resolve, reject) => {
    w.write('', (e?: Error | null) => {
      if (e) reject(new AuditError('E_OUTPUT_UNWRITABLE', { what, detail: (e as NodeJS.ErrnoException).code ?? String(e) }));
      else resolve();
    });
  });
  const late = gone(stream, what);
  if (late) throw late;
}

/** Writes `chunk`; when the stream asks to wait, resolves on 'drain' and rejects on 'error' or 'close'. */
export async function writeWaiting(stream: WritableLike, chunk: string | Buffer, what = 'standard output'): Promise<void> {
  // A stream already failed or closed would never emit 'drain' again, nor 'close' a second time.
  const failed = gone(stream, what);
  if (failed) throw failed;
  if (stream.write(chunk) !== false || typeof stream.on !== 'function' || typeof stream.off !== 'function') return;
  const on = stream.on.bind(stream);
  const off = stream.off.bind(stream);
  await new Promise<void>((resolve, reject) => {
    const settle = (e?: unknown) => {
      off('drain', onDrain);
      off('error', onError);
      off('close', onClose);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (e: unknown) => settle(new AuditError('E_OUTPUT_UNWRITABLE', { what, detail: (e as NodeJS.ErrnoException)?.code ?? String(e) }));
    const onClose = () => settle(new AuditError('E_OUTPUT_UNWRITABLE', { what, detail: 'closed' }));
    on('drain', onDrain);
    on('error', onError);
    on('close', onClose);
  });
}
