/**
 * Shared generators and settings of the fuzz suite (issue #7). Runs are reproducible: a fixed seed and
 * a small run count keep CI bounded; `FUZZ_RUNS=2000` (and `FUZZ_SEED=…` to vary the seed) runs longer.
 * Every generated CSV comes with its own, independent answer: the records it holds and the physical
 * line where each starts, computed from the text we wrote, not by the reader under test.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';

export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261123;

/** fast-check parameters: the fixed seed, and `runs` unless FUZZ_RUNS asks for more. */
export function fuzzParams(runs: number): { seed: number; numRuns: number } {
  const env = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : NaN;
  return { seed: FUZZ_SEED, numRuns: Number.isFinite(env) && env > 0 ? env : runs };
}

/** Longer runs take longer: the per-test timeout grows with FUZZ_RUNS. */
export function fuzzTimeout(runs: number, msPerRun: number): number {
  return Math.max(30_000, fuzzParams(runs).numRuns * msPerRun);
}

export type Eol = '\n' | '\r\n' | '\r';
export type Enc = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvShape {
  rows: string[][];
  delimiter: string;
  eol: Eol;
  /** Per cell: quote it even when it does not need quotes. */
  quoteAll: boolean;
  extraQuotes: boolean[];
  finalEol: boolean;
}

/** Characters that stress a CSV reader: every delimiter, quotes, line breaks, accents, astral chars. */
const HARD_UNITS = [
  'a', 'b', 'Z', '0', '7', ' ', '.', '-', '@', '=', '+', '/', ':',
  ',', ';', '\t', '|', '"', '\n', '\r', '\r\n',
  'é', 'È', 'ç', 'œ', '€', '’', '«', '»', 'ʤ', 'ß', '中', '😀',
];

/**
 * Units whose Windows-1252 bytes can never be read as UTF-8: every non-ASCII character is followed by
 * an ASCII one (real French text), so a lead byte never meets the continuation bytes UTF-8 needs.
 * Without that, "é€’" (E9 80 92) is valid UTF-8 and no detector can tell.
 */
const CP1252_UNITS = [
  'a', 'b', 'Z', '0', ' ', '.', '-', ',', ';', '\t', '|', '"', '\n', '\r',
  'é.', 'èa', 'àb', 'ç ', 'ô,', 'œu', '€1', '’s', '«a', '» ', 'É;', 'ê"', 'Ç\n',
];

export function cellArb(units: readonly string[] = HARD_UNITS, maxLength = 12): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...units), maxLength });
}

export const cp1252CellArb = cellArb(CP1252_UNITS);

export const delimiterArb = fc.constantFrom(',', ';', '\t', '|');
export const eolArb = fc.constantFrom<Eol>('\n', '\r\n', '\r');
export const encArb = fc.constantFrom<Enc>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252');

/**
 * A table: a header of `cols` columns (none empty, so the header line is never blank) and rows that
 * are ragged when `ragged` (a cell more or fewer).
 */
export function tableArb(opts: { cell?: fc.Arbitrary<string>; maxCols?: number; maxRows?: number; ragged?: boolean } = {}) {
  const cell = opts.cell ?? cellArb();
  return fc.integer({ min: 1, max: opts.maxCols ?? 6 }).chain((cols) => {
    const header = fc.array(cell.filter((c) => c !== ''), { minLength: cols, maxLength: cols });
    const rowLen = opts.ragged ? fc.integer({ min: Math.max(1, cols - 2), max: cols + 2 }) : fc.constant(cols);
    const row = rowLen.chain((n) => fc.array(cell, { minLength: n, maxLength: n }));
    return fc.tuple(header, fc.array(row, { maxLength: opts.maxRows ?? 12 })).map(([h, rs]) => [h, ...rs]);
  });
}

export function shapeArb(table: fc.Arbitrary<string[][]>, delimiter: fc.Arbitrary<string> = delimiterArb): fc.Arbitrary<CsvShape> {
  return fc
    .record({ rows: table, delimiter, eol: eolArb, quoteAll: fc.boolean(), finalEol: fc.boolean(), seed: fc.array(fc.boolean(), { maxLength: 64 }) })
    .map(({ rows, delimiter, eol, quoteAll, finalEol, seed }) => {
      const n = rows.reduce((s, r) => s + r.length, 0);
      const extraQuotes = Array.from({ length: n }, (_, i) => seed.length ? seed[i % seed.length] : false);
      return { rows, delimiter, eol, quoteAll, extraQuotes, finalEol };
    });
}

/** Whether RFC 4180 needs quotes around the cell. */
export function needsQuotes(cell: string, delimiter: string): boolean {
  return cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r');
}

export interface Written {
  text: string;
  /** Records the reader must return: the data rows whose cells are not all empty. */
  expected: { cells: string[]; line: number }[];
  header: string[];
}

/** Counts physical line breaks: CR LF, lone CR and lone LF each end one line. */
export function countBreaks(s: string, end = s.length): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (i + 1 < end && s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Writes the table as CSV text, and says where each row starts (1-based physical line). */
export function writeCsv(shape: CsvShape): Written {
  const { rows, delimiter, eol } = shape;
  let text = '';
  let lineNo = 1;
  let k = 0;
  const expected: Written['expected'] = [];
  rows.forEach((row, r) => {
    const start = lineNo;
    const line = row
      .map((c) => {
        const extra = shape.extraQuotes[k++];
        const quote = needsQuotes(c, delimiter) || shape.quoteAll || extra;
        return quote ? `"${c.replace(/"/g, '""')}"` : c;
      })
      .join(delimiter);
    const last = r === rows.length - 1;
    const piece = line + (last && !shape.finalEol ? '' : eol);
    text += piece;
    lineNo += countBreaks(piece);
    if (r > 0 && row.some((c) => c !== '')) expected.push({ cells: row, line: start });
  });
  return { text, expected, header: rows[0] };
}

/** Encodes text as a file in the given encoding (BOM included where the name says so). */
export function encode(text: string, enc: Enc): Buffer {
  switch (enc) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    case 'windows-1252':
      return iconv.encode(text, 'windows-1252');
  }
}

/** The encoding name the reader reports for a file written with `enc` (pure ASCII reads as UTF-8). */
export function reportedEncoding(enc: Enc, text: string): string {
  if (enc === 'utf-8-bom') return 'utf-8';
  if (enc === 'windows-1252' && /^[\x00-\x7f]*$/.test(text)) return 'utf-8';
  return enc;
}

/** Arbitrary bytes, biased towards CSV-ish ones so that parsing gets somewhere before failing. */
export const bytesArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(0x2c, 0x3b, 0x09, 0x7c, 0x22, 0x0a, 0x0d, 0x61, 0x40, 0x30, 0x65, 0x6d, 0x69, 0x6c, 0xe9, 0xc3, 0xa9, 0x80, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x00, 0x1f, 0x8b),
        fc.integer({ min: 0, max: 255 }),
      ),
      { maxLength: 600 },
    )
    .map((a) => Uint8Array.from(a)),
  // A valid-looking header, then noise.
  fc.uint8Array({ maxLength: 300 }).map((tail) => Uint8Array.from([...Buffer.from('email;nom;source\n'), ...tail])),
);
