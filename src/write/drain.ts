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
}

/** Writes `chunk`; when the stream asks to wait, resolves on 'drain' and rejects on 'error' or 'close'. */
export async function writeWaiting(stream: WritableLike, chunk: string | Buffer, what = 'standard output'): Promise<void> {
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
