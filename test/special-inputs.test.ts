/**
 * Special files a run is given (issue #16 audit N6, N7): `init --force` never replaces a device or a
 * FIFO; a FIFO or a device named as the key file, a suppression list or the config is refused at once
 * (a synchronous read of a FIFO blocked the process, deaf to SIGTERM); and SIGTERM ends a run waiting
 * on a FIFO input, whether no writer has come or a writer stays silent. Real processes; readiness seen
 * through the folder (a watch) or the FIFO's other end opening — no timers.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { constants, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { appears } from './helpers/watch.js';
import { BIN } from './helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-special-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const INPUT = 'email;nom;source;date de collecte;opposition\na@example.org;Dupont;Adhésion;05/03/2024;oui\n';
const isRoot = process.getuid?.() === 0;

/** Children still running when a test ends (a regression that hangs): ended by their pid. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  running.clear();
});

function folder(): string {
  const dir = mkdtempSync(join(root, 'case-'));
  writeFileSync(join(dir, 'y.csv'), INPUT);
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  return dir;
}

function start(dir: string, args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args, '--lang', 'en'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  running.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited: exited.then(([code, signal]) => ({ code, signal, stderr })) };
}

describe('init --force over a special file', () => {
  it('a FIFO stays a FIFO: exit 2, refused', async () => {
    const dir = folder();
    const r = await start(dir, ['init', 'y.csv', '-o', 'fifo', '--force']).exited;
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/fifo: refusing to replace a named pipe with the config file/);
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['fifo', 'y.csv']);
  });

  it.runIf(isRoot)('a character device (mknod, in the test folder) stays a device', async () => {
    const dir = folder();
    execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
    const r = await start(dir, ['init', 'y.csv', '-o', 'null', '--force']).exited;
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/null: refusing to replace a character device with the config file/);
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
  });
});

describe('a FIFO or a device read as the key file, a list or the config: refused at once', () => {
  const cases: [string, string[], RegExp][] = [
    ['purge --key-file fifo', ['purge', 'y.csv', '--key-file', 'fifo', '--as-of', '2026-11-23'], /fifo: refusing to read the key file from a named pipe/],
    ['purge --suppress fifo', ['purge', 'y.csv', '--suppress', 'fifo', '--as-of', '2026-11-23'], /fifo: refusing to read the suppression list from a named pipe/],
    ['scan --suppress fifo', ['scan', 'y.csv', '--suppress', 'fifo'], /fifo: refusing to read the suppression list from a named pipe/],
    ['scan -c fifo', ['scan', 'y.csv', '-c', 'fifo'], /fifo: refusing to read the config file from a named pipe/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: exit 2, one line, nothing written`, async () => {
      const dir = folder();
      const r = await start(dir, args).exited;
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(readdirSync(dir).sort()).toEqual(['fifo', 'y.csv']);
    });
  }

  it.runIf(isRoot)('purge --key-file <character device>: refused as a device, not read as a key', async () => {
    const dir = folder();
    execFileSync('mknod', [join(dir, 'zero'), 'c', '1', '3']);
    const r = await start(dir, ['purge', 'y.csv', '--key-file', 'zero', '--as-of', '2026-11-23']).exited;
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/zero: refusing to read the key file from a character device/);
  });
});

describe('SIGTERM ends a run waiting on a FIFO input', () => {
  for (const command of ['scan', 'purge'] as const) {
    it(`${command} with no writer yet (blocked opening it): exit 130, nothing left`, async () => {
      const dir = folder();
      // --out-dir is created before the input is opened: the run is past its set-up, its handlers on.
      const run = start(dir, [command, 'fifo', '--out-dir', 'out', '--as-of', '2026-11-23']);
      await appears(dir, 'out');
      run.child.kill('SIGTERM');
      const r = await run.exited;
      expect(r.code, r.stderr).toBe(130);
      expect(readdirSync(join(dir, 'out'))).toEqual([]);
    });
  }

  for (const command of ['scan', 'purge', 'init'] as const) {
    it(`${command} with a writer that stays silent (blocked reading it): exit 130`, async () => {
      const dir = folder();
      const run = start(dir, command === 'init' ? ['init', 'fifo', '-o', 'cfg.json'] : [command, 'fifo', '--as-of', '2026-11-23']);
      // This open completes once the run has opened the FIFO for reading; then nothing is written.
      const writer = await openFile(join(dir, 'fifo'), constants.O_WRONLY);
      try {
        run.child.kill('SIGTERM');
        const r = await run.exited;
        expect(r.code, r.stderr).toBe(130);
        expect(readdirSync(dir).sort()).toEqual(['fifo', 'y.csv']);
      } finally {
        await writer.close();
      }
    });
  }
});
