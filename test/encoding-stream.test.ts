/**
 * Reading past the sample (issue #16 items 7 and 10): the encoding decided on the first 64 KiB is
 * verified as the file streams, NUL bytes are refused anywhere, a Windows-1252 file decided as ASCII
 * stays Windows-1252 on output, UTF-16 without a BOM is read, blank lines before the header are
 * skipped, and decompressed input is bounded.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv, type ReaderOptions } from '../src/read/reader.js';
import { scanFile } from '../src/scan.js';
import { isAuditError } from '../src/errors.js';
import { run } from '../src/cli/main.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-enc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HEAD = 'email;nom;source;date de collecte\n';
/** ASCII rows, past the 64 KiB sample. */
const ASCII = Array.from({ length: 2000 }, (_, i) => `c${i}@example.org;Dupont;Adhesion;05/03/2024\n`).join('');
const LATE_LINE = 2 + 2000;

async function readAll(bytes: Buffer, opts: ReaderOptions = {}): Promise<{ rows: string[][]; encoding: string } | string> {
  const input = Readable.from([bytes]);
  try {
    const reader = await openCsv(input, opts);
    const rows: string[][] = [];
    for await (const batch of reader.records()) for (const r of batch) rows.push(r.cells);
    return { rows, encoding: reader.dialect.encoding };
  } catch (e) {
    if (isAuditError(e)) return `${e.code}@${e.line}`;
    throw e;
  }
}

describe('encoding verified as it streams', () => {
  it('UTF-8 after a Windows-1252 decision is refused with its line', async () => {
    const bytes = Buffer.concat([Buffer.from(HEAD), iconv.encode('a@example.org;Hélène;Adhésion;05/03/2024\n', 'windows-1252'), Buffer.from(ASCII), Buffer.from('z@example.org;Hélène;Adhésion;05/03/2024\n', 'utf8')]);
    expect(await readAll(bytes)).toBe(`E_ENCODING_MIXED@${LATE_LINE + 1}`);
  });

  it('a NUL byte after the sample is refused with its line', async () => {
    const bytes = Buffer.concat([Buffer.from(HEAD + ASCII), Buffer.from('z@example.org;Du\0pont;Adhesion;05/03/2024\n')]);
    expect(await readAll(bytes)).toBe(`E_INPUT_BINARY@${LATE_LINE}`);
  });

  it('UTF-16 without a BOM is read, not called binary', async () => {
    const got = await readAll(iconv.encode(HEAD + 'a@example.org;Hélène;Adhésion;05/03/2024\n', 'utf-16le'));
    expect(got).toEqual({ rows: [['a@example.org', 'Hélène', 'Adhésion', '05/03/2024']], encoding: 'utf-16le' });
    const be = await readAll(iconv.encode(HEAD + 'a@example.org;Hélène;Adhésion;05/03/2024\n', 'utf-16be'));
    expect(typeof be === 'object' && be.encoding).toBe('utf-16be');
  });

  it('a Windows-1252 file whose first accent comes after the sample is written back as Windows-1252', async () => {
    const dir = mkdtempSync(join(root, 'late-'));
    const last = 'z@example.org;Hélène;Adhésion;05/03/2024\n';
    writeFileSync(join(dir, 'in.csv'), Buffer.concat([Buffer.from(HEAD + ASCII), iconv.encode(last, 'windows-1252')]));
    const r = await scanFile({ input: join(dir, 'in.csv'), out: join(dir, 'out.csv'), reports: [join(dir, 'r.json')], asOf: '2026-11-23' });
    expect(r.report.input.encoding).toBe('windows-1252');
    expect(r.report.output.encoding).toBe('windows-1252');
    const out = readFileSync(join(dir, 'out.csv'));
    expect(out.subarray(out.length - Buffer.byteLength(iconv.encode(last, 'windows-1252')))).toEqual(iconv.encode(last, 'windows-1252'));
  });
});

describe('before the header and past the limits', () => {
  it('more than 64 KiB of blank lines before the header: read, with physical line numbers', async () => {
    const got = await readAll(Buffer.from('\n'.repeat(70_000) + 'email;nom\na@example.org;Dupont\nb@example.org\n'));
    expect(typeof got === 'object' && got.rows).toEqual([['a@example.org', 'Dupont'], ['b@example.org']]);
    const input = Readable.from([Buffer.from('\r\n'.repeat(40_000) + 'email;nom\na@example.org;Dupont\n')]);
    const reader = await openCsv(input);
    const lines: number[] = [];
    for await (const batch of reader.records()) for (const r of batch) lines.push(r.line);
    expect(lines).toEqual([40_002]);
  });

  it('--max-input-bytes bounds the decompressed input', async () => {
    const gz = gzipSync(Buffer.from(HEAD + ASCII));
    expect(await readAll(gz, { maxInputBytes: 10_000, maxInputBytesGiven: true })).toMatch(/^E_INPUT_TOO_LARGE/);
    expect(await readAll(gz, { maxInputBytes: 1_000_000, maxInputBytesGiven: true })).toMatchObject({ encoding: 'utf-8' });
  });

  it('a gzip stream inflating far beyond real CSV is refused, unless --max-input-bytes is given', async () => {
    const bomb = gzipSync(Buffer.from(HEAD + 'a@example.org;Dupont;Adhesion;05/03/2024\n'.repeat(100_000)));
    expect(await readAll(bomb, { gzipRatioFloor: 1_000_000 })).toMatch(/^E_GZIP_RATIO/);
    expect(await readAll(bomb, { gzipRatioFloor: 1_000_000, maxInputBytes: 1e9, maxInputBytesGiven: true })).toMatchObject({ encoding: 'utf-8' });
  });

  it('a stray quote in an unquoted field is written back byte for byte', async () => {
    const dir = mkdtempSync(join(root, 'quote-'));
    const text = 'email;nom;source\na@example.org;Du"pont;Adhésion\nb@example.org;"Du""rand";Adhésion\nc@example.org;"Du;val";Adhésion\n';
    writeFileSync(join(dir, 'in.csv'), text);
    await scanFile({ input: join(dir, 'in.csv'), out: join(dir, 'out.csv'), noReport: true, asOf: '2026-11-23' });
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(text);
  });

  it('--max-input-bytes is a CLI option with sizes like 20G', async () => {
    const dir = mkdtempSync(join(root, 'cli-'));
    writeFileSync(join(dir, 'in.csv'), HEAD + ASCII);
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => ((stderr += s), true) }, env: {}, cwd: dir };
    expect(await run(['scan', 'in.csv', '--format', 'none', '--dry-run', '--lang', 'en', '--max-input-bytes', '10k'], io)).toBe(2);
    expect(stderr).toMatch(/larger than 10000 bytes/);
    expect(await run(['scan', 'in.csv', '--format', 'none', '--dry-run', '--lang', 'en', '--max-input-bytes', '20G'], io)).toBe(0);
    expect(await run(['scan', 'in.csv', '--format', 'none', '--dry-run', '--lang', 'en', '--max-input-bytes', 'lots'], io)).toBe(2);
  });
});
