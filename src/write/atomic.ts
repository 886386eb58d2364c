/**
 * Atomic output files (SPEC §7): written to a temp file in the target's folder, mode 0600, then renamed
 * over the target. Until `commit`, nothing is visible at the target; on failure or interruption the temp
 * file is removed. A rename replaces a symlink at the target, never the file it points to.
 */
import { createWriteStream, realpathSync, renameSync, statSync, unlinkSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AuditError } from '../errors.js';

/** Temp files alive in this process, removed by `removeAllTempFiles` (signal handlers). */
const live = new Set<string>();

export function removeAllTempFiles(): void {
  for (const p of live) {
    try { unlinkSync(p); } catch { /* already gone */ }
  }
  live.clear();
}

export function liveTempFiles(): string[] {
  return [...live];
}

export class AtomicFile {
  readonly target: string;
  readonly temp: string;
  private stream: WriteStream;
  private failed: Error | undefined;
  private done = false;

  private constructor(target: string, private readonly what: string) {
    this.target = resolve(target);
    this.temp = join(dirname(this.target), `.${basename(this.target)}.cnil-audit-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    // 'wx': fail rather than follow anything already at the temp path.
    this.stream = createWriteStream(this.temp, { flags: 'wx', mode: 0o600 });
    live.add(this.temp);
    this.stream.on('error', (e) => {
      this.failed ??= this.error((e as NodeJS.ErrnoException).code ?? e.message);
    });
  }

  private error(detail: string): AuditError {
    return new AuditError('E_OUTPUT_UNWRITABLE', { what: this.what, detail }, { file: this.target });
  }

  static async open(target: string, what: string): Promise<AtomicFile> {
    // A folder in the way would only fail at the rename, after all the work: say so now.
    let isDir = false;
    try {
      isDir = statSync(target).isDirectory();
    } catch { /* nothing there yet: the usual case */ }
    if (isDir) throw new AuditError('E_OUTPUT_UNWRITABLE', { what, detail: 'EISDIR' }, { file: resolve(target) });
    const f = new AtomicFile(target, what);
    try {
      await once(f.stream, 'open');
    } catch {
      f.abort();
      throw f.failed ?? f.error('open failed');
    }
    return f;
  }

  /** Writes with back-pressure. */
  async write(chunk: Buffer | string): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.stream.write(chunk)) {
      // One listener of each kind, removed when either fires: a long file waits for 'drain' thousands
      // of times, and listeners left behind would pile up.
      await new Promise<void>((done) => {
        const settle = () => {
          this.stream.off('drain', settle);
          this.stream.off('error', settle);
          this.stream.off('close', settle);
          done();
        };
        this.stream.on('drain', settle);
        this.stream.on('error', settle);
        this.stream.on('close', settle);
      });
      if (this.failed) throw this.failed;
    }
  }

  /** Flushes and closes the temp file, then renames it over the target. */
  async commit(): Promise<void> {
    if (this.failed) {
      this.abort();
      throw this.failed;
    }
    this.stream.end();
    // `finished` also settles for a stream that already finished or failed; the error listener has
    // recorded any failure.
    await finished(this.stream).catch(() => undefined);
    if (!this.stream.closed) await once(this.stream, 'close').catch(() => undefined);
    if (this.failed) {
      this.abort();
      throw this.failed;
    }
    try {
      renameSync(this.temp, this.target);
    } catch (e) {
      this.failed = this.error((e as NodeJS.ErrnoException).code ?? String(e));
      this.abort();
      throw this.failed;
    }
    live.delete(this.temp);
    this.done = true;
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    this.stream.destroy();
    try { unlinkSync(this.temp); } catch { /* never created or already gone */ }
    live.delete(this.temp);
  }
}

/** Real path of an existing file, or the resolved path when it does not exist. */
export function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Refuses an output path that is, or links to, the input (SPEC §7: the input is never overwritten). */
export function assertNotInput(output: string, input: string | undefined, what: string): void {
  if (!input) return;
  if (realOrResolved(output) === realOrResolved(input)) {
    throw new AuditError('E_OUTPUT_IS_INPUT', { what }, { file: output });
  }
}
