import { afterAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { progressEnabled, progressText, startProgress } from '../src/cli/progress.js';
import { run } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { FIXTURES } from './helpers/cli.js';

/** A stream that looks like a terminal to ora and keeps what is written to it. */
class FakeTerminal extends Writable {
  text = '';
  isTTY = true;
  columns = 80;
  rows = 24;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
  cursorTo(): boolean { return true; }
  moveCursor(): boolean { return true; }
  clearLine(): boolean { return true; }
}

function io(stderr: { isTTY?: boolean; columns?: number; write(s: string): unknown }, env: Record<string, string> = {}, now?: () => number): CliIO {
  return { stdout: { write: () => true }, stderr, env, cwd: process.cwd(), now };
}

const TTY = { isTTY: true, columns: 80, write: () => true };

describe('progressEnabled', () => {
  it('is on for a terminal with a width, outside CI', () => {
    expect(progressEnabled(io(TTY))).toBe(true);
    expect(progressEnabled(io(TTY, { CI: 'false' }))).toBe(true);
  });
  it('is off when stderr is not a terminal (a pipe, a file, CI logs)', () => {
    expect(progressEnabled(io({ write: () => true }))).toBe(false);
    expect(progressEnabled(io({ isTTY: false, columns: 80, write: () => true }))).toBe(false);
  });
  it('is off with --quiet, with --format json and with the cleaned file on stdout', () => {
    expect(progressEnabled(io(TTY), { quiet: true })).toBe(false);
    expect(progressEnabled(io(TTY), { format: 'json' })).toBe(false);
    expect(progressEnabled(io(TTY), { out: '-' })).toBe(false);
    expect(progressEnabled(io(TTY), { format: 'text', out: 'clean.csv' })).toBe(true);
  });
  it('is off in CI and on a dumb terminal', () => {
    expect(progressEnabled(io(TTY, { CI: 'true' }))).toBe(false);
    expect(progressEnabled(io(TTY, { CI: '1' }))).toBe(false);
    expect(progressEnabled(io(TTY, { TERM: 'dumb' }))).toBe(false);
  });
  it('is off on a pseudo-terminal without a width (ora would clear lines forever)', () => {
    expect(progressEnabled(io({ isTTY: true, columns: 0, write: () => true }))).toBe(false);
    expect(progressEnabled(io({ isTTY: true, write: () => true }))).toBe(false);
  });
});

describe('progressText', () => {
  it('shows rows, rate and, when the size is known, a percentage', () => {
    expect(progressText('en', { rows: 12345, bytes: 50, totalBytes: 200 }, 2000)).toBe('25% — 12,345 rows (6,173 rows/s)');
    expect(progressText('en', { rows: 10, bytes: 5 }, 1000)).toBe('10 rows (10 rows/s)');
  });
  it('speaks French, with French number formatting', () => {
    const s = progressText('fr', { rows: 12345, bytes: 200, totalBytes: 200 }, 1000);
    expect(s).toMatch(/^100 % — 12\s345 lignes \(12\s345 lignes\/s\)$/u);
  });
  it('never exceeds 100 % (read-ahead of a growing file)', () => {
    expect(progressText('en', { rows: 1, bytes: 300, totalBytes: 200 }, 1000)).toMatch(/^100%/);
  });
});

describe('startProgress', () => {
  it('draws nothing and loads nothing when disabled', async () => {
    const out = new FakeTerminal();
    out.isTTY = false;
    expect(await startProgress(io(out), 'en')).toBeUndefined();
    expect(out.text).toBe('');
  });

  it('draws counts on a terminal, at most once per redraw interval, and clears on stop', async () => {
    const out = new FakeTerminal();
    let clock = 1000;
    const p = await startProgress(io(out, {}, () => clock), 'en');
    expect(p).toBeDefined();
    clock = 2000;
    p!.update({ rows: 1234, bytes: 10, totalBytes: 100 });
    expect(out.text).toContain('10% — 1,234 rows (1,234 rows/s)');
    clock = 2050; // within the redraw interval: ignored
    p!.update({ rows: 5678, bytes: 20, totalBytes: 100 });
    expect(out.text).not.toContain('5,678');
    clock = 2200;
    p!.update({ rows: 9999, bytes: 30, totalBytes: 100 });
    expect(out.text).toContain('9,999 rows');
    p!.stop();
    // ora shows the cursor again when it stops.
    expect(out.text.endsWith('\u001B[?25h')).toBe(true);
  });
});

describe('scan draws no progress where it must not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnil-audit-progress-'));
  cpSync(join(FIXTURES, 'mailchimp-audience.csv'), join(dir, 'in.csv'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function scan(args: string[]) {
    const stderr = new FakeTerminal();
    let stdout = '';
    const code = await run(['scan', join(dir, 'in.csv'), '--as-of', '2026-06-30', ...args], {
      stdout: { write: (s: string) => ((stdout += s), true) },
      stderr,
      env: {},
      cwd: dir,
    });
    return { code, stderr: stderr.text, stdout };
  }

  it('on a terminal, the text format draws the spinner on stderr (so the two cases below can fail)', async () => {
    const r = await scan(['-o', join(dir, 'c.csv'), '-r', join(dir, 'c.json')]);
    expect(r.code).not.toBe(2);
    expect(r.stderr).toContain('\u001B[?25l');
  });

  it('--format json: stdout is the report alone, stderr holds no spinner', async () => {
    const r = await scan(['--format', 'json', '-o', join(dir, 'a.csv'), '-r', join(dir, 'a.json')]);
    expect(r.code).not.toBe(2);
    expect(JSON.parse(r.stdout).schemaVersion).toBe(2);
    expect(r.stderr).toBe('');
  });

  it('--quiet: nothing at all on stderr', async () => {
    const r = await scan(['--quiet', '-o', join(dir, 'b.csv'), '-r', join(dir, 'b.json')]);
    expect(r.code).not.toBe(2);
    expect(r.stderr).toBe('');
  });
});
