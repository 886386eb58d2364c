/**
 * An exclusive lock on a file a run reads, extends and renames over (the suppression list, issue #16):
 * without it, two purges extending one list each read it at the start and rename over it at the end,
 * and the first one's entries — people who objected — vanish.
 *
 * The lock is a file beside the target, `<target>.lock`, created with O_EXCL and holding the pid of
 * its owner. A lock whose process is gone (killed) is stale and taken over. A live one is waited for,
 * bounded, on the folder's change events (a poll backs them up where events are unreliable).
 */
import { closeSync, openSync, readFileSync, unlinkSync, watch, writeSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { AuditError } from '../errors.js';
import { processAlive, trackTemp, untrackTemp } from './atomic.js';

export interface LockOptions {
  /** What the target is, for messages ("the suppression list"). */
  what: string;
  /** Longest wait for another run's lock, in ms. */
  timeoutMs?: number;
  /** Called once when the lock is held by a live process and the run starts waiting. */
  onWait?: (holder: { pid: number; path: string }) => void;
  signal?: AbortSignal;
}

/** A purge of a large file can hold a list for minutes; longer than this, something is stuck. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10 * 60 * 1000;
/** Backs up the folder watch (network file systems do not report changes). */
const POLL_MS = 500;

export interface Lock {
  readonly path: string;
  release(): void;
}

function holderOf(lockPath: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the lock file; false when it exists. */
function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

export async function acquireLock(target: string, opts: LockOptions): Promise<Lock> {
  const lockPath = `${resolve(target)}.lock`;
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  let told = false;
  for (;;) {
    try {
      if (tryCreate(lockPath)) break;
    } catch (e) {
      throw new AuditError('E_OUTPUT_UNWRITABLE', { what: opts.what, detail: (e as NodeJS.ErrnoException).code ?? String(e) }, { file: lockPath });
    }
    const pid = holderOf(lockPath);
    // No pid yet (its owner is writing it) counts as live; a dead owner's lock is removed.
    if (pid !== undefined && !processAlive(pid)) {
      try { unlinkSync(lockPath); } catch { /* another run took it over first */ }
      continue;
    }
    if (opts.signal?.aborted) throw new AuditError('E_INTERRUPTED');
    if (Date.now() >= deadline) {
      throw new AuditError('E_LOCKED', { what: opts.what, pid: pid ?? '?', seconds: Math.round((opts.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS) / 1000) }, { file: resolve(target) });
    }
    if (!told && pid !== undefined) {
      told = true;
      opts.onWait?.({ pid, path: resolve(target) });
    }
    await changeIn(dirname(lockPath), basename(lockPath), Math.min(POLL_MS, Math.max(0, deadline - Date.now())), opts.signal);
  }
  // Removed on SIGINT/SIGTERM/SIGHUP with the temp files.
  trackTemp(lockPath);
  let released = false;
  return {
    path: lockPath,
    release() {
      if (released) return;
      released = true;
      untrackTemp(lockPath);
      if (holderOf(lockPath) === process.pid) {
        try { unlinkSync(lockPath); } catch { /* already gone */ }
      }
    },
  };
}

/** Resolves when `name` changes in `dir`, after `ms`, or on abort — whichever comes first. */
function changeIn(dir: string, name: string, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    let watcher: ReturnType<typeof watch> | undefined;
    const finish = () => {
      clearTimeout(timer);
      watcher?.close();
      signal?.removeEventListener('abort', finish);
      done();
    };
    const timer = setTimeout(finish, ms);
    try {
      watcher = watch(dir, (_event, file) => {
        if (file === null || file === name) finish();
      });
      watcher.on('error', finish);
    } catch { /* no watch here: the timer alone */ }
    signal?.addEventListener('abort', finish, { once: true });
  });
}
