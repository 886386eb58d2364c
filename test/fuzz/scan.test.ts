/**
 * Property tests of the whole scan, through the CLI in-process (SPEC §7, §9): whatever the input,
 * exit 0, 1 or 2 with at most one line on stderr and never a stack trace; on exit 2 no output exists;
 * on 0 or 1, rows_in = rows_kept + rows_dropped and every kept row is in the cleaned file with the
 * values it had in the input (scrubbed cells aside), and every finding names the line its row starts on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { run } from '../../src/cli/main.js';
import {
  bytesArb, cellArb, cp1252CellArb, encArb, encode, eolArb, fuzzParams, fuzzTimeout, writeCsv, type CsvShape, type Enc,
} from './arbitraries.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-fuzz-scan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  dir: string;
  files: string[];
  command: Command;
}

type Command = 'scan' | 'purge';
/** What each command writes, besides the input, when it succeeds. */
const OUTPUTS: Record<Command, string[]> = { scan: ['clean.csv', 'in.csv', 'report.json'], purge: ['clean.csv', 'in.csv', 'log.csv', 'report.json'] };
// One key file outside the runs' folders (purge creates it at its first run), so a folder holds only the run's outputs.
const PURGE_ARGS = ['--log', 'log.csv', '--key-file', join(root, 'fuzz.key')];

async function cli(input: Uint8Array, command: Command = 'scan'): Promise<Outcome> {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  writeFileSync(join(dir, 'in.csv'), input);
  let stdout = '';
  let stderr = '';
  const code = await run(
    [command, 'in.csv', '-o', 'clean.csv', '-r', 'report.json', '--format', 'none', '--as-of', '2026-11-23', ...(command === 'purge' ? PURGE_ARGS : [])],
    {
      stdout: { write: (s: string) => ((stdout += s), true), isTTY: false },
      stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
      env: {},
      cwd: dir,
    },
  );
  return { code, stdout, stderr, dir, files: readdirSync(dir).sort(), command };
}

/** The properties every run has, whatever its input. */
function checkAnyRun(o: Outcome): void {
  expect([0, 1, 2]).toContain(o.code);
  expect(o.stderr).not.toMatch(/\n\s+at |internal error|Error:/);
  expect(o.files.filter((f) => f.includes('cnil-audit-tmp'))).toEqual([]);
  if (o.code === 2) {
    expect(o.stderr).toMatch(/^cnil-audit: [^\n]+\n$/);
    // Nothing half-written, nothing written at all.
    expect(o.files).toEqual(['in.csv']);
  } else {
    expect(o.stderr).toBe('');
    expect(o.files).toEqual(OUTPUTS[o.command]);
    const report = JSON.parse(readFileSync(join(o.dir, 'report.json'), 'utf8'));
    expect(report.output.rows + report.output.droppedRows).toBe(report.input.rows);
  }
}

const HEADERS = [
  'nom', 'prénom', 'téléphone', 'adresse', 'source', 'date de collecte', 'consentement email', 'consentement sms',
  'date de consentement', 'dernier contact', 'canal', 'date de naissance', 'désinscrit', 'réseau social',
  'orientation politique', 'centres d’intérêt', 'syndicat', 'remarques', 'identifiant', 'score',
];

const VALUES = [
  'a@example.org', 'jean.dupont@exemple.fr', '06 00 00 12 34', '+33600001234', 'oui', 'non', 'x', 'O', 'N', 'true',
  '05/03/2024', '5/3/24', '2019-01-01', '2026-10-01T10:00:00+02:00', '45361', '31/02/2026', 'fin 2022', '01/01/2013',
  'LinkedIn', 'Waalaxy', 'achat de fichier', 'fichier loué', 'adhésion', 'Pétition', 'porte-à-porte', 'Facebook', 'Instagram',
  'liste électorale', 'parrainage', 'sms', 'email', 'email;sms', 'téléphone', 'courrier', 'CGT', 'Sympathisant de gauche',
  '=HYPERLINK("x")', '+1', '-2', '@SUM(1)', '',
];

function contactShapeArb(enc: Enc): fc.Arbitrary<CsvShape> {
  const cell = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VALUES) }, enc === 'windows-1252' ? cp1252CellArb : cellArb());
  const headerArb = fc
    .shuffledSubarray(HEADERS, { minLength: 1, maxLength: 8 })
    .chain((others) => fc.nat({ max: others.length }).map((at) => [...others.slice(0, at), 'email', ...others.slice(at)]));
  return fc
    .record({
      header: headerArb,
      delimiter: fc.constantFrom(',', ';', '\t', '|'),
      eol: eolArb,
      quoteAll: fc.boolean(),
      finalEol: fc.boolean(),
      quotes: fc.array(fc.boolean(), { minLength: 1, maxLength: 32 }),
      rowSpecs: fc.array(fc.tuple(fc.integer({ min: -2, max: 2 }), fc.boolean()), { maxLength: 15 }),
      cells: fc.array(cell, { minLength: 1, maxLength: 200 }),
    })
    .map(({ header, delimiter, eol, quoteAll, finalEol, quotes, rowSpecs, cells }) => {
      let c = 0;
      // Mostly well-formed rows; a ragged one (a cell more or fewer) now and then.
      const rows = rowSpecs.map(([delta, ragged]) =>
        Array.from({ length: Math.max(1, header.length + (ragged ? delta : 0)) }, () => cells[c++ % cells.length]),
      );
      const all = [header, ...rows];
      // Quote whatever holds a candidate delimiter, so that sniffing sees only the real one.
      const extraQuotes = all.flat().map((v, i) => quotes[i % quotes.length] || /[,;\t|]/.test(v));
      return { rows: all, delimiter, eol, quoteAll, extraQuotes, finalEol };
    });
}

const DECODE: Record<string, string> = { 'utf-8': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'windows-1252': 'windows-1252' };

describe('scan properties', () => {
  it('scan and purge keep every input row or count it dropped, and kept rows round-trip with their values', async () => {
    await fc.assert(
      fc.asyncProperty(encArb.chain((enc) => fc.tuple(fc.constant(enc), contactShapeArb(enc))), fc.constantFrom<Command>('scan', 'purge'), async ([enc, shape], command) => {
        const w = writeCsv(shape);
        const o = await cli(encode(w.text, enc), command);
        checkAnyRun(o);
        expect(o.code, o.stderr).not.toBe(2);
        const report = JSON.parse(readFileSync(join(o.dir, 'report.json'), 'utf8'));
        expect(report.input.delimiter).toBe(shape.delimiter);
        expect(report.input.rows).toBe(w.expected.length);
        expect(report.truncated).toBeFalsy();

        // Every finding is about a row, named by the physical line where that row starts.
        const lines = new Set(w.expected.map((r) => r.line));
        const dropped = new Set<number>();
        const scrubbed = new Set<number>();
        for (const f of report.findings) {
          expect(lines.has(f.line), `finding ${f.rule} at line ${f.line}`).toBe(true);
          if (f.action === 'drop-row') dropped.add(f.line);
          if (f.action === 'scrub-field') scrubbed.add(f.line);
        }
        const kept = w.expected.filter((r) => !dropped.has(r.line));
        expect(report.output.rows).toBe(kept.length);
        expect(report.output.droppedRows).toBe(dropped.size);

        // Parse the cleaned file on its own: same dialect, same encoding as the input.
        const raw = readFileSync(join(o.dir, 'clean.csv'));
        const text = iconv.decode(raw, DECODE[report.output.encoding] ?? report.output.encoding, { stripBOM: true });
        const cleaned: string[][] = parse(text, { delimiter: shape.delimiter, relax_column_count: true, bom: true });
        const removed = new Set<string>(report.output.scrubbedColumns);
        const keepIdx = w.header.map((h, i) => (removed.has(h) ? -1 : i)).filter((i) => i >= 0);
        expect(cleaned[0]).toEqual(keepIdx.map((i) => w.header[i]));
        expect(cleaned.length - 1).toBe(kept.length);
        kept.forEach((row, k) => {
          const out = cleaned[k + 1];
          const want = keepIdx.map((i) => row.cells[i]);
          expect(out.length).toBe(want.length);
          out.forEach((v, j) => {
            if (v !== want[j]) {
              expect(v, `line ${row.line}, column ${w.header[keepIdx[j]]}`).toBe('');
              expect(scrubbed.has(row.line)).toBe(true);
            }
          });
        });
        // Same line endings as the input (when the input had any).
        if (w.text.includes(shape.eol) && shape.rows.length > 1 && kept.length > 0) {
          expect(text.endsWith(shape.eol)).toBe(true);
        }
      }),
      fuzzParams(60),
    );
  }, fuzzTimeout(60, 400));

  it('exits 0, 1 or 2 on arbitrary bytes, with one clear line and no output on 2', async () => {
    await fc.assert(
      fc.asyncProperty(bytesArb, fc.constantFrom<Command>('scan', 'purge'), async (bytes, command) => checkAnyRun(await cli(bytes, command))),
      fuzzParams(150),
    );
  }, fuzzTimeout(150, 200));
});

describe('scan edge cases (SPEC §9)', () => {
  const cases: [string, () => Buffer, number[]][] = [
    ['an empty file', () => Buffer.alloc(0), [2]],
    ['a header only', () => Buffer.from('email;nom\r\n'), [0]],
    ['a header without a contact column', () => Buffer.from('a;b\n1;2\n'), [2]],
    ['a binary file', () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0]), [2]],
    // Past the bytes sniffed for the encoding, a NUL is data or a refusal: either way, no crash.
    ['NUL bytes after 256 KiB', () => Buffer.concat([Buffer.from('email;nom\n' + 'a@example.org;x\n'.repeat(20000)), Buffer.from('b@example.org;\u0000\u0000\n')]), [0, 1, 2]],
    ['NUL bytes in the first line', () => Buffer.from('email;nom\u0000\na@example.org;x\n'), [2]],
    ['a 1 MB field', () => Buffer.from(`email,notes\na@example.org,"${'x'.repeat(1024 * 1024)}"\n`), [0, 1]],
    ['10,000 columns', () => Buffer.from(['email', ...Array.from({ length: 9999 }, (_, i) => `c${i}`)].join(',') + '\n' + ['a@example.org', ...Array.from({ length: 9999 }, () => '1')].join(',') + '\n'), [0, 1]],
    ['an unterminated quote', () => Buffer.from('email,nom\na@example.org,"Dupont\nb@example.org,Durand\n'), [2]],
    ['gzip that is cut short', () => Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]), [2]],
    ['a UTF-16 BOM and nothing else', () => Buffer.from([0xfe, 0xff]), [2]],
  ];
  for (const [name, make, codes] of cases) {
    it(name, async () => {
      const o = await cli(make());
      checkAnyRun(o);
      expect(codes).toContain(o.code);
    });
  }
});

describe('through the real process', () => {
  const bin = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'cnil-audit.js');
  const cases: [string, Buffer, number][] = [
    ['an empty file', Buffer.alloc(0), 2],
    ['a binary file', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0, 0, 0, 0, 0]), 2],
    ['an unterminated quote', Buffer.from('email,nom\na@example.org,"Dupont\n'), 2],
    ['a header holding a line break and an escape sequence', Buffer.from('"a\nb\u001b[31m";c\n1;2\n'), 2],
    // Windows-1252 bytes, a quoted CRLF, a row with a field too many (malformed-row: exit 1).
    ['odd bytes after a header', Buffer.concat([Buffer.from('email;nom\n'), Buffer.from([0xff, 0xfe]), Buffer.from(';"a\r\nb";x\n')]), 1],
  ];
  for (const [name, bytes, want] of cases) {
    it(`${name}: exit ${want}, at most one line on stderr, no stack trace`, () => {
      expect(existsSync(join(dirname(bin), '..', 'dist', 'cli', 'bin.js')), 'run `npm run build` first').toBe(true);
      const dir = mkdtempSync(join(root, 'proc-'));
      writeFileSync(join(dir, 'in.csv'), bytes);
      const r = spawnSync(process.execPath, [bin, 'scan', 'in.csv', '--format', 'none', '--lang', 'en', '--as-of', '2026-11-23'], {
        cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, CI: '1' }, timeout: 30_000,
      });
      expect(r.status, r.stderr).toBe(want);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error|Error:|\u001b/);
      if (want === 2) {
        expect(r.stderr).toMatch(/^cnil-audit: [^\n]+\n$/);
        expect(readdirSync(dir)).toEqual(['in.csv']);
      }
    });
  }
});
