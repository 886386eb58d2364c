/**
 * Atomic output files (SPEC §7): written to a temp file in the target's folder, mode 0600, then renamed
 * over the target. Until `commit`, nothing is visible at the target; on failure or interruption the temp
 * file is removed. A rename replaces a symlink at the target, never the file it points to.
 */
import { closeSync, lstatSync, openSync, readSync, readdirSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AuditError } from '../errors.js';

/** Temp files alive in this process, removed by `removeAllTempFiles` (signal handlers). */
const live = new Set<string>();
/** Complete temp files waiting for their rename, by target (a later input of the run reads them). */
const sealed = new Map<string, string>();

/**
 * The complete, not yet renamed, temp file of a target, if any: a run committing all its inputs at the
 * end (issue #16) has the second purge extending a list read from what the first one wrote.
 */
export function pendingTemp(target: string): string | undefined {
  return sealed.get(resolve(target));
}

export function removeAllTempFiles(): void {
  for (const p of live) {
    try { unlinkSync(p); } catch { /* already gone */ }
  }
  live.clear();
}

export function liveTempFiles(): string[] {
  return [...live];
}

/** Registers another temp file (the findings spool) for removal on interruption. */
export function trackTemp(path: string): void {
  live.add(path);
}

export function untrackTemp(path: string): void {
  live.delete(path);
}

export class AtomicFile {
  readonly target: string;
  readonly temp: string;
  private fd: number | undefined;
  private failed: AuditError | undefined;
  private done = false;
  /** Closed complete by `seal`, waiting for `commit`. */
  private sealed = false;

  private constructor(target: string, private readonly what: string) {
    this.target = resolve(target);
    this.temp = tempPathFor(this.target);
  }

  private error(detail: string): AuditError {
    return new AuditError('E_OUTPUT_UNWRITABLE', { what: this.what, detail }, { file: this.target });
  }

  private fail(e: unknown): AuditError {
    this.failed ??= this.error((e as NodeJS.ErrnoException).code ?? String(e));
    return this.failed;
  }

  static async open(target: string, what: string): Promise<AtomicFile> {
    // A folder in the way would only fail at the rename, after all the work: say so now. A device or a
    // FIFO would be replaced by a file of personal data (issue #16): refused.
    assertWritableTarget(target, what);
    const f = new AtomicFile(target, what);
    try {
      // 'wx': fail rather than follow anything already at the temp path.
      f.fd = openSync(f.temp, 'wx', 0o600);
    } catch (e) {
      throw f.fail(e);
    }
    live.add(f.temp);
    return f;
  }

  /**
   * Appends a chunk. Synchronous writes to a local file, on purpose: the pipeline writes one chunk of
   * about 16–32 KB per batch of rows, and a write stream's asynchronous writes kept each chunk (and the
   * rows being worked on meanwhile) alive across garbage collections — a purge with its log promoted
   * 56 MB to the old generation instead of 9 and peaked 30 MB higher (npm run bench). Still async in
   * signature, so a caller never depends on it.
   */
  async write(chunk: Buffer | string): Promise<void> {
    this.writeSync(chunk);
  }

  writeSync(chunk: Buffer | string): void {
    if (this.failed) throw this.failed;
    if (this.fd === undefined) throw this.fail('closed');
    try {
      let buf: Buffer;
      if (typeof chunk === 'string') {
        // A string is encoded by the write itself; the rare short write goes on from a Buffer.
        const n = writeSync(this.fd, chunk, null, 'utf8');
        if (n === Buffer.byteLength(chunk, 'utf8')) return;
        buf = Buffer.from(chunk, 'utf8').subarray(n);
      } else buf = chunk;
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    } catch (e) {
      throw this.fail(e);
    }
  }

  /**
   * Appends the first `bytes` bytes of another file, in chunks (a log a run extends, issue #13: its
   * earlier entries are copied, never held in memory whole).
   */
  copyFrom(path: string, bytes: number): void {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw this.fail(e);
    }
    try {
      const buf = Buffer.allocUnsafe(Math.min(bytes, 64 * 1024) || 1);
      let done = 0;
      while (done < bytes) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, bytes - done), done);
        if (n === 0) throw this.fail('EIO');
        this.writeSync(n === buf.length ? buf : buf.subarray(0, n));
        done += n;
      }
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Closes the temp file, complete, without renaming it yet: a run holding many inputs' outputs until
   * the end holds no descriptor for them.
   */
  seal(): void {
    if (this.failed || this.done || this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch (e) {
      throw this.fail(e);
    } finally {
      this.fd = undefined;
    }
    this.sealed = true;
    sealed.set(this.target, this.temp);
  }

  private unseal(): void {
    if (sealed.get(this.target) === this.temp) sealed.delete(this.target);
  }

  /** Closes the temp file, then renames it over the target. */
  async commit(): Promise<void> {
    if (this.failed) {
      this.abort();
      throw this.failed;
    }
    try {
      const fd = this.fd;
      this.fd = undefined;
      if (fd === undefined && !this.sealed) throw new Error('already committed');
      if (fd !== undefined) closeSync(fd);
      this.sealed = false;
      // Checked again: something may have appeared at the target while the run worked.
      assertWritableTarget(this.target, this.what);
      renameSync(this.temp, this.target);
    } catch (e) {
      if (e instanceof AuditError) this.failed ??= e;
      this.fail(e);
      this.abort();
      throw this.failed!;
    }
    live.delete(this.temp);
    this.unseal();
    this.done = true;
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    this.unseal();
    if (this.fd !== undefined) {
      try { closeSync(this.fd); } catch { /* already closed */ }
      this.fd = undefined;
    }
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

/**
 * What identifies a file when comparing paths: an existing file by its device and inode, so a hard
 * link, a case-only spelling on a case-insensitive disk (APFS, NTFS) or a bind mount still meets its
 * input (issue #16 audit N5: real paths are compared as strings); a missing one by its resolved path.
 */
export function fileKey(p: string): string {
  try {
    const st = statSync(p);
    return `inode:${st.dev}:${st.ino}`;
  } catch {
    return `path:${realOrResolved(p)}`;
  }
}

/**
 * The file a path stands for, following symlinks even when the last one dangles (a suppression list
 * not created yet, named through a link to a shared folder): a run extending it writes there and keeps
 * the link. The resolved path when nothing links.
 */
export function realTarget(p: string): string {
  let path = resolve(p);
  for (let depth = 0; depth < 40; depth++) {
    try {
      return realpathSync(path);
    } catch { /* missing, or a dangling link */ }
    let link: string;
    try {
      if (!lstatSync(path).isSymbolicLink()) break;
      link = readlinkSync(path);
    } catch {
      break;
    }
    path = resolve(dirname(path), link);
  }
  // Not there: its folder's real path, so two spellings of one folder still meet.
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return path;
  }
}

/** Refuses an output path that is, or links to, the input (SPEC §7: the input is never overwritten). */
export function assertNotInput(output: string, input: string | undefined, what: string): void {
  if (!input) return;
  if (fileKey(output) === fileKey(input)) {
    throw new AuditError('E_OUTPUT_IS_INPUT', { what }, { file: output });
  }
}

/** A kind of file an atomic rename must not replace, or undefined for a regular file, a symlink or nothing. */
export function specialKind(st: Stats | undefined): string | undefined {
  if (!st || st.isFile() || st.isSymbolicLink()) return undefined;
  if (st.isDirectory()) return 'folder';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isFIFO()) return 'named pipe';
  if (st.isSocket()) return 'socket';
  return 'special file';
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** Refuses an existing target that is not a regular file (or a symlink, which the rename replaces). */
export function assertWritableTarget(path: string, what: string): void {
  const st = lstatOrUndefined(path);
  // A symlink is replaced by the rename, not written through; but one to a device (`/dev/stdout`) is
  // refused as the device would be: it stands for it.
  let kind = specialKind(st);
  if (st?.isSymbolicLink()) {
    let target: Stats | undefined;
    try { target = statSync(path); } catch { /* dangling: replaced like any symlink */ }
    kind = target && !target.isDirectory() ? specialKind(target) : undefined;
  }
  if (!kind) return;
  // A folder keeps its older, plainer message.
  if (kind === 'folder') throw new AuditError('E_OUTPUT_UNWRITABLE', { what, detail: 'EISDIR' }, { file: resolve(path) });
  throw new AuditError('E_OUTPUT_SPECIAL', { what, kind }, { file: resolve(path) });
}

/**
 * This host, as temp file names carry it: a folder shared over the network holds other hosts' temp
 * files, whose pids mean nothing here (issue #16).
 */
const HOST_TAG = createHash('sha256').update(hostname() || '-').digest('hex').slice(0, 8);

/**
 * Temp file names: `.<target>.cnil-audit-tmp-<pid>-<host>-<random>` (the pid and the host let a later
 * run tell stale ones); earlier versions wrote no host, read as this one's.
 */
const TEMP_NAME = /^\..*\.cnil-audit-tmp-(\d+)-(?:([0-9a-f]{8})-)?[0-9a-f]{8}$/;

/** A fresh temp path beside `target` (every temp file of a run: outputs, the key, the lock, the config). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.cnil-audit-tmp-${process.pid}-${HOST_TAG}-${randomBytes(4).toString('hex')}`);
}

/** Whether a process with this id is running (EPERM: it is, under another user). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, in `dir`, the temp files of cnil-audit processes that no longer run (killed by SIGKILL or a
 * power cut, they hold personal data). Returns how many were removed. A live process's are left alone;
 * a pid reused by an unrelated process keeps its files until it ends — the safe side.
 */
export function removeStaleTemps(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    // Another host's: its process cannot be checked from here, so it is never removed.
    if (!m || (m[2] !== undefined && m[2] !== HOST_TAG) || processAlive(Number(m[1]))) continue;
    const p = join(dir, name);
    try {
      if (!lstatSync(p).isFile()) continue;
      unlinkSync(p);
      removed++;
    } catch { /* removed by another run meanwhile */ }
  }
  return removed;
}
