/**
 * An exclusive lock on a file a run reads, extends and renames over (the suppression list, issue #16):
 * without it, two purges extending one list each read it at the start and rename over it at the end,
 * and the first one's entries — people who objected — vanish.
 *
 * The lock is a file beside the target's real path (a list named through a symlink is one list with one
 * lock), `<real target>.lock`, made visible complete (a temp file hard-linked into place, which fails
 * when a lock exists) and holding its owner's pid, the process's start time (Linux: a pid reused by an
 * unrelated process is told apart), the host and a random token: no two locks ever hold the same text.
 *
 * A lock whose owner is gone (killed) is stale and taken over without a race: the lock path is removed
 * only by the one run holding the guard `<lock>.break-<digest of the stale text>` (created exclusively,
 * the same way), and only after reading the stale text there again. While the lock holds that text, no
 * one else can remove or replace it (a breaker of other text finds it different; a creator finds it
 * present), so a live lock is never removed: the race the audit found (two runs reading the same dead
 * pid, the second removing the first's fresh lock) cannot happen. A guard left by a run killed while
 * breaking is itself stale and broken the same way. A live lock is waited for, bounded, on the folder's
 * change events (a poll backs them up where events are unreliable).
 */
import { closeSync, linkSync, openSync, readFileSync, readdirSync, unlinkSync, watch, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AuditError } from '../errors.js';
import { processAlive, realTarget, tempPathFor, trackTemp, untrackTemp } from './atomic.js';

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
/** Guards of guards: each level needs a run killed inside a few instructions; past this, wait. */
const MAX_DEPTH = 4;

export interface Lock {
  readonly path: string;
  /** The target's real path: what the run must read and rename over. */
  readonly target: string;
  release(): void;
}

interface Owner {
  pid?: number;
  start?: string;
  host?: string;
}

const HOST = encodeURIComponent(hostname() || '-');

/**
 * A process's start time, in clock ticks since boot (Linux `/proc/<pid>/stat`, field 22), or undefined
 * where it cannot be read (another system, no /proc).
 */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] || undefined;
  } catch {
    return undefined;
  }
}

let ownStart: string | undefined | null = null;

/** This process's lock text: pid, start time, host, random token. Unique per call. */
function ownText(): string {
  if (ownStart === null) ownStart = processStart(process.pid);
  return `${process.pid} ${ownStart ?? '-'} ${HOST} ${randomBytes(8).toString('hex')}\n`;
}

/** Reads a lock's text (earlier versions wrote the pid alone). */
function parseOwner(text: string): Owner {
  const [pid, start, host] = text.trim().split(/\s+/);
  const n = Number(pid);
  return {
    pid: Number.isInteger(n) && n > 0 ? n : undefined,
    start: start && start !== '-' ? start : undefined,
    host,
  };
}

/**
 * Whether a lock's owner may still run: true for text being written (no pid yet), for another host's
 * lock (its processes cannot be seen from here: the safe side is to wait), and for a live pid whose
 * start time, where known, is the lock's.
 */
function ownerAlive(owner: Owner): boolean {
  if (owner.pid === undefined) return true;
  if (owner.host !== undefined && owner.host !== HOST) return true;
  if (!processAlive(owner.pid)) return false;
  if (owner.start !== undefined && owner.pid !== process.pid) {
    const now = processStart(owner.pid);
    if (now !== undefined && now !== owner.start) return false;
  }
  return true;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Creates `path` holding `text`, complete when it appears (a temp file linked into place); false when
 * something is there already. Where hard links are not supported (FAT, some SMB shares), an exclusive
 * create then a write: a reader may then see it empty for an instant, which counts as live.
 */
function create(path: string, text: string): boolean {
  const temp = tempPathFor(path);
  let fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    closeSync(fd);
    fd = -1;
    try {
      linkSync(temp, path);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
    }
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    writeSync(fd, text);
    return true;
  } finally {
    if (fd !== -1) closeSync(fd);
    try { unlinkSync(temp); } catch { /* linked and removed, or never made */ }
  }
}

/** Removes `path` if it still holds `text` (the caller guarantees no one else may change it meanwhile). */
function removeIfText(path: string, text: string): void {
  if (readText(path) !== text) return;
  try { unlinkSync(path); } catch { /* already gone */ }
}

const guardOf = (path: string, text: string) => `${path}.break-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

/**
 * One try at holding `path`: true when held (with `text`), else the live owner (or an owner this run
 * may not break: a guard too deep).
 */
function attempt(path: string, text: string, depth: number): true | Owner {
  for (;;) {
    if (create(path, text)) return true;
    const seen = readText(path);
    if (seen === undefined) continue; // released meanwhile: try again
    const owner = parseOwner(seen);
    if (ownerAlive(owner) || depth >= MAX_DEPTH) return owner;
    // Stale: removed by whoever holds its guard, after checking it is still the same stale lock.
    const guardText = ownText();
    const guard = guardOf(path, seen);
    const got = attempt(guard, guardText, depth + 1);
    if (got !== true) return owner; // another run is breaking it: wait for the change
    try {
      removeIfText(path, seen);
    } finally {
      removeIfText(guard, guardText);
    }
  }
}

/** Guards left by runs killed while breaking a lock (harmless, but files nobody needs). */
function removeDeadGuards(lockPath: string): void {
  const prefix = `${basename(lockPath)}.break-`;
  let names: string[];
  try {
    names = readdirSync(dirname(lockPath));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const p = join(dirname(lockPath), name);
    try {
      const text = readText(p);
      if (text !== undefined && !ownerAlive(parseOwner(text))) removeIfText(p, text);
    } catch { /* unreadable: left alone */ }
  }
}

export async function acquireLock(target: string, opts: LockOptions): Promise<Lock> {
  // One lock per file, however it is named (a symlink, `./`, another folder's link).
  const real = realTarget(target);
  const lockPath = `${real}.lock`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const text = ownText();
  let told = false;
  for (;;) {
    let got: true | Owner;
    try {
      got = attempt(lockPath, text, 0);
    } catch (e) {
      throw new AuditError('E_OUTPUT_UNWRITABLE', { what: opts.what, detail: (e as NodeJS.ErrnoException).code ?? String(e) }, { file: lockPath });
    }
    if (got === true) break;
    if (opts.signal?.aborted) throw new AuditError('E_INTERRUPTED');
    if (Date.now() >= deadline) {
      throw new AuditError('E_LOCKED', { what: opts.what, pid: got.pid ?? '?', seconds: Math.round(timeoutMs / 1000) }, { file: real });
    }
    if (!told && got.pid !== undefined && ownerAlive(got)) {
      told = true;
      opts.onWait?.({ pid: got.pid, path: real });
    }
    await changeIn(dirname(lockPath), basename(lockPath), Math.min(POLL_MS, Math.max(0, deadline - Date.now())), opts.signal);
  }
  // Removed on SIGINT/SIGTERM/SIGHUP with the temp files.
  trackTemp(lockPath);
  removeDeadGuards(lockPath);
  let released = false;
  return {
    path: lockPath,
    target: real,
    release() {
      if (released) return;
      released = true;
      untrackTemp(lockPath);
      // Only this run can change its own lock while it runs: read, then remove.
      try { removeIfText(lockPath, text); } catch { /* unreadable: left for the stale check */ }
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
