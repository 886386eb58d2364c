/**
 * Two purges extending one suppression list at the same time (issue #16 item 3): the second waits for
 * the first's lock, then extends what the first committed — the list ends with the union, no one who
 * objected lost. Real processes; the first purge reads stdin, held open until the second is seen
 * waiting (or has finished, as it did before the lock): no timers.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';
import { acquireLock } from '../src/write/lock.js';
import { isAuditError } from '../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HEAD = 'email;nom;source;date de collecte;opposition\n';
const objectors = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org;Dupont;Adhésion;05/03/2024;oui\n`).join('');

function start(dir: string, args: string[], stdin: 'pipe' | 'ignore') {
  const child = spawn(process.execPath, [BIN, 'purge', ...args, '--suppression-list', 'list.csv', '--as-of', '2026-11-23', '--lang', 'en', '--format', 'none'], {
    cwd: dir,
    stdio: [stdin, 'ignore', 'pipe'],
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    child.emit('stderr-text', stderr);
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  return { child, exited, stderr: () => stderr };
}

/** Resolves once a file whose name starts with `prefix` is in `dir` (a watch on the folder, checked once first). */
function appears(dir: string, prefix: string): Promise<void> {
  return new Promise((ready) => {
    const check = () => {
      if (!readdirSync(dir).some((f) => f.startsWith(prefix))) return;
      watcher.close();
      ready();
    };
    const watcher = watch(dir, check);
    check();
  });
}

describe('suppression list lock', () => {
  it('two purges on one list: the second waits, and the list holds both runs\' entries', async () => {
    const dir = mkdtempSync(join(root, 'case-'));
    writeFileSync(join(dir, 'b.csv'), HEAD + objectors('b', 3));
    const a = start(dir, ['-'], 'pipe');
    // More than the 64 KiB sample, so that A gets past its header and opens its outputs.
    const keep = Array.from({ length: 2000 }, (_, i) => `k${i}@example.org;Durand;Adhésion;05/03/2024;non\n`).join('');
    a.child.stdin!.write(HEAD + objectors('a', 5) + keep);
    // A is writing its purged file: it has read the list (and, with the lock, holds it).
    await appears(dir, '.stdin.purged.csv.cnil-audit-tmp');
    const b = start(dir, ['b.csv'], 'ignore');
    // B either says it waits (the lock), or finishes on its own (no lock: the old behaviour).
    await Promise.race([
      new Promise<void>((seen) => b.child.on('stderr-text', (s: string) => { if (/waiting for .*list\.csv/.test(s)) seen(); })),
      b.exited,
    ]);
    a.child.stdin!.end();
    const [[codeA], [codeB]] = await Promise.all([a.exited, b.exited]);
    expect([codeA, codeB]).toEqual([0, 0]);
    expect(b.stderr()).toMatch(/waiting for .*list\.csv: another cnil-audit run \(process \d+\) is extending it/);
    const rows = readFileSync(join(dir, 'list.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('kind,hash,key_fingerprint,added_on,legacy_salt');
    expect(rows.filter((r) => r.startsWith('email,'))).toHaveLength(5 + 3);
    expect(existsSync(join(dir, 'list.csv.lock'))).toBe(false);
  });

  it('a lock left by a dead process is taken over; a live one times out with a clear error', async () => {
    const dir = mkdtempSync(join(root, 'stale-'));
    const target = join(dir, 'list.csv');
    // A pid that cannot be running: above the kernel's pid_max.
    writeFileSync(`${target}.lock`, '99999999\n');
    const lock = await acquireLock(target, { what: 'the suppression list' });
    expect(readFileSync(`${target}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    let waited = 0;
    const err = await acquireLock(target, { what: 'the suppression list', timeoutMs: 0, onWait: () => waited++ }).then(() => undefined, (e: unknown) => e);
    expect(isAuditError(err) && err.code).toBe('E_LOCKED');
    lock.release();
    expect(existsSync(`${target}.lock`)).toBe(false);
    expect(waited).toBe(0);
  });
});
