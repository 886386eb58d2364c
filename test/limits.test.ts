/**
 * Limits (issue #7, SPEC §9): a field larger than `limits.maxRecordSize` characters or a row with more
 * than `limits.maxColumns` columns is a clear error naming the line where the row starts (exit 2),
 * reached before memory grows with the input: an endless field or an endless row of delimiters stops
 * at the limit instead of being read to the end.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_RECORD_SIZE, openCsv, type ReaderOptions } from '../src/read/reader.js';
import { isAuditError } from '../src/errors.js';
import { run } from '../src/cli/main.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-limits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function scan(text: string, limits?: { maxRecordSize?: number; maxColumns?: number }) {
  const dir = mkdtempSync(join(root, 'case-'));
  writeFileSync(join(dir, 'in.csv'), text);
  const args = ['scan', 'in.csv', '--format', 'none', '--as-of', '2026-11-23', '--lang', 'en'];
  if (limits) {
    writeFileSync(join(dir, 'limits.json'), JSON.stringify({ limits }));
    args.push('-c', 'limits.json');
  }
  let stderr = '';
  const code = await run(args, { stdout: { write: () => true }, stderr: { write: (s: string) => ((stderr += s), true) }, env: {}, cwd: dir });
  return { code, stderr, files: readdirSync(dir).filter((f) => f !== 'in.csv' && f !== 'limits.json') };
}

/** A stream that never ends: `head`, then `unit` over and over, in 64 KiB chunks. */
function endless(head: string, unit: string): Readable {
  const chunk = unit.repeat(Math.ceil(65536 / unit.length));
  let first = true;
  return new Readable({
    read() {
      this.push(first ? head + chunk : chunk);
      first = false;
    },
  });
}

async function readError(input: Readable, opts: ReaderOptions): Promise<string> {
  try {
    const reader = await openCsv(input, opts);
    for await (const batch of reader.records()) void batch;
  } catch (e) {
    input.destroy();
    if (isAuditError(e)) return `${e.code}@${e.line}:${JSON.stringify(e.params)}`;
    throw e;
  }
  return 'ok';
}

describe('limits', () => {
  it('has defaults far above real exports', () => {
    expect(DEFAULT_MAX_RECORD_SIZE).toBeGreaterThanOrEqual(1024 * 1024);
    expect(DEFAULT_MAX_COLUMNS).toBeGreaterThanOrEqual(10_000);
  });

  it('refuses a field over limits.maxRecordSize, naming the line where its row starts', async () => {
    // Row 3 starts on line 4: row 2 holds a quoted line break.
    const text = `email;notes\r\na@example.org;"deux\r\nlignes"\r\nb@example.org;"${'x\r\n'.repeat(400)}"\r\n`;
    const r = await scan(text, { maxRecordSize: 1000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/in\.csv:4: a field is larger than the limit of 1000 characters\n$/);
    expect(r.files).toEqual([]);
  });

  it('refuses a header over limits.maxRecordSize as line 1, with the limit', async () => {
    const r = await scan(`email;${'n'.repeat(2000)}\na@example.org;x\n`, { maxRecordSize: 1000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/in\.csv:1: a field is larger than the limit of 1000 characters\n$/);
  });

  it('refuses a row over limits.maxColumns, naming its line, the count and the limit', async () => {
    const text = `email;nom\na@example.org;x\n"b@example.org\nsuite";${Array.from({ length: 60 }, () => 'y').join(';')}\n`;
    const r = await scan(text, { maxColumns: 50 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/in\.csv:3: 61 columns, more than the limit of 50\n$/);
    expect(r.files).toEqual([]);
  });

  it('refuses a header over limits.maxColumns as line 1', async () => {
    const r = await scan(`email;${Array.from({ length: 60 }, (_, i) => `c${i}`).join(';')}\na@example.org\n`, { maxColumns: 50 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/in\.csv:1: 61 columns, more than the limit of 50\n$/);
  });

  it('accepts what is within the limits', async () => {
    const r = await scan(`email;notes\na@example.org;"${'x'.repeat(999 - 'a@example.org'.length)}"\n`, { maxRecordSize: 1000, maxColumns: 2 });
    expect([0, 1], r.stderr).toContain(r.code);
  });

  it('rejects a limit that is not a positive integer as a configuration error', async () => {
    const r = await scan('email\na@example.org\n', { maxColumns: 0 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid configuration: "limits\.maxColumns": must be greater than 0/);
  });

  it('stops an endless field at the limit', async () => {
    expect(await readError(endless('email;notes\na@example.org;', 'x'), { maxRecordSize: 100_000 })).toBe(
      'E_FIELD_TOO_LARGE@2:{"limit":100000}',
    );
  });

  it('stops an endless quoted field at the limit', async () => {
    expect(await readError(endless('email;notes\na@example.org;"', 'x\r\n'), { maxRecordSize: 100_000 })).toBe(
      'E_FIELD_TOO_LARGE@2:{"limit":100000}',
    );
  });

  it('stops an endless row of empty fields at the column limit', async () => {
    const got = await readError(endless('email;notes\r\na@example.org;', ';'), { maxColumns: 1000 });
    expect(got).toMatch(/^E_TOO_MANY_COLUMNS_SO_FAR@2:\{"count":\d+,"limit":1000\}$/);
  });

  it('stops an endless header of empty fields at the column limit', async () => {
    const got = await readError(endless('email', ','), { maxColumns: 1000 });
    expect(got).toMatch(/^E_TOO_MANY_COLUMNS_SO_FAR@1:\{"count":\d+,"limit":1000\}$/);
  });
});
