/**
 * Property tests of the reader (SPEC §2, §9): whatever the bytes, openCsv either returns records or
 * throws an AuditError; on valid CSV in any supported encoding, delimiter, quoting and line ending,
 * it returns exactly the records written, each with the physical line where it starts.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openCsv, type ReaderOptions } from '../../src/read/reader.js';
import { isAuditError } from '../../src/errors.js';
import {
  countBreaks, cp1252CellArb, encArb, encode, fuzzParams, fuzzTimeout, reportedEncoding, shapeArb, tableArb, writeCsv, bytesArb, type Enc,
} from './arbitraries.js';

/** Splits bytes at the given cut points, so records, CRLFs and multi-byte characters straddle chunks. */
function chunked(buf: Uint8Array, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (buf.length ? c % buf.length : 0)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    if (p > prev) out.push(Buffer.from(buf.subarray(prev, p)));
    prev = Math.max(prev, p);
  }
  if (prev < buf.length || out.length === 0) out.push(Buffer.from(buf.subarray(prev)));
  return out;
}

async function readAll(chunks: Buffer[], opts: ReaderOptions = {}) {
  const reader = await openCsv(Readable.from(chunks, { objectMode: false }), opts);
  const records: { cells: string[]; line: number }[] = [];
  for await (const batch of reader.records()) for (const r of batch) records.push({ cells: r.cells, line: r.line });
  return { header: reader.header, records, dialect: reader.dialect };
}

const cutsArb = fc.array(fc.nat(), { maxLength: 8 });
/** Small samples force the "header longer than the sample" path and sniffing on partial text. */
const sampleArb = fc.constantFrom(undefined, 1, 7, 64);

describe('reader properties', () => {
  it('round-trips any table: same header, same records, the line where each record starts', async () => {
    await fc.assert(
      fc.asyncProperty(
        shapeArb(tableArb({ ragged: true })),
        fc.constantFrom<Enc>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'),
        cutsArb,
        sampleArb,
        async (shape, enc, cuts, sampleChars) => {
          const w = writeCsv(shape);
          const bytes = encode(w.text, enc);
          let got;
          try {
            got = await readAll(chunked(bytes, cuts), { delimiter: shape.delimiter, sampleChars });
          } catch (e) {
            // Only a file of blanks may be refused, and only as empty.
            expect(isAuditError(e) && e.code).toBe('E_INPUT_EMPTY');
            expect(w.text.trim()).toBe('');
            return;
          }
          expect(got.header).toEqual(w.header);
          expect(got.records).toEqual(w.expected);
        },
      ),
      fuzzParams(150),
    );
  }, fuzzTimeout(150, 50));

  it('sniffs the delimiter and line ending, and detects the encoding, of well-quoted files', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Two columns at least, so the delimiter shows in the header.
        shapeArb(tableArb({ cell: cp1252CellArb, maxRows: 8 }).filter((rows) => rows[0].length >= 2)),
        encArb,
        cutsArb,
        async (shape, enc, cuts) => {
          // Quote every cell holding any candidate delimiter: outside quotes, only the real one shows.
          const wellQuoted = { ...shape, extraQuotes: shape.rows.flat().map((c, i) => shape.extraQuotes[i] || /[,;\t|]/.test(c)) };
          const w = writeCsv(wellQuoted);
          fc.pre(w.text.trim() !== '');
          const got = await readAll(chunked(encode(w.text, enc), cuts));
          expect(got.dialect.delimiter).toBe(shape.delimiter);
          expect(got.dialect.encoding).toBe(reportedEncoding(enc, w.text));
          expect(got.dialect.bom).toBe(enc !== 'utf-8' && enc !== 'windows-1252');
          if (countBreaks(w.text) > 0 && shape.rows.length > 1) expect(got.dialect.recordDelimiter).toBe(shape.eol);
          expect(got.header).toEqual(w.header);
          expect(got.records).toEqual(w.expected);
        },
      ),
      fuzzParams(150),
    );
  }, fuzzTimeout(150, 50));

  it('never throws anything but an AuditError on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(bytesArb, cutsArb, fc.boolean(), async (bytes, cuts, gz) => {
        const data = gz ? gzipSync(bytes) : bytes;
        try {
          const got = await readAll(chunked(data, cuts));
          for (const r of got.records) expect(r.line).toBeGreaterThan(1);
        } catch (e) {
          if (!isAuditError(e)) throw new Error(`not an AuditError: ${String(e)}`);
        }
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout(300, 20));
});

describe('reader edge cases', () => {
  const read = (text: string | Buffer, opts?: ReaderOptions) => readAll([Buffer.isBuffer(text) ? text : Buffer.from(text)], opts);
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return isAuditError(e) ? `${e.code}@${e.line ?? ''}` : `not an AuditError: ${String(e)}`;
    }
    return 'ok';
  };

  it('refuses an empty file, a BOM alone and blank lines alone as empty', async () => {
    expect(await code(read(''))).toBe('E_INPUT_EMPTY@1');
    expect(await code(read(Buffer.from([0xef, 0xbb, 0xbf])))).toBe('E_INPUT_EMPTY@1');
    expect(await code(read(Buffer.from([0xff, 0xfe])))).toBe('E_INPUT_EMPTY@1');
    expect(await code(read('\r\n\n\r\n'))).toBe('E_INPUT_EMPTY@1');
  });

  it('reads a header-only file, with or without a final line break', async () => {
    for (const text of ['email;nom', 'email;nom\r\n', 'email;nom\n\n\n']) {
      const got = await read(text);
      expect(got.header).toEqual(['email', 'nom']);
      expect(got.records).toEqual([]);
    }
  });

  it('refuses NUL bytes (a binary file) in the first bytes, naming the offset and the line', async () => {
    expect(await code(read(Buffer.from('email,nom\na@b.fr,\u0000x\n')))).toBe('E_INPUT_BINARY@2');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(await code(read(png))).toBe('E_INPUT_BINARY@3');
  });

  it('reads a 1 MB field intact, and names its line', async () => {
    const big = 'é"x\n'.repeat(256 * 1024);
    const text = `email,notes\r\na@example.org,"${big.replace(/"/g, '""')}"\r\nb@example.org,court\r\n`;
    const got = await read(text);
    expect(got.records.map((r) => r.line)).toEqual([2, 2 + 256 * 1024 + 1]);
    expect(got.records[0].cells[1]).toBe(big);
  });

  it('reads 10,000 columns', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
    const row = header.map((_, i) => String(i));
    const got = await read(`${header.join(';')}\n${row.join(';')}\n`);
    expect(got.header.length).toBe(10_000);
    expect(got.records[0].cells).toEqual(row);
  });

  it('switches to Windows-1252 when a non-UTF-8 byte comes after 64 KiB of ASCII', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `c${i}@example.org;Dupont\r\n`).join('');
    const tail = encode('z@example.org;Hélène «Zoé»\r\n', 'windows-1252');
    const got = await readAll([Buffer.from(`email;nom\r\n${ascii}`), tail]);
    expect(Buffer.byteLength(ascii)).toBeGreaterThan(64 * 1024);
    expect(got.dialect.encoding).toBe('windows-1252');
    expect(got.records.at(-1)).toEqual({ cells: ['z@example.org', 'Hélène «Zoé»'], line: 5002 });
  });

  it('names the line of undecodable UTF-8 that follows multi-byte UTF-8', async () => {
    const text = Buffer.concat([Buffer.from('email;nom\né@example.org;Zoé\nx@example.org;'), Buffer.from([0xff, 0x0a])]);
    expect(await code(read(text))).toBe('E_ENCODING@3');
  });

  it('counts CR, LF and CRLF line breaks inside quoted fields when naming lines', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      for (const inner of ['\n', '\r\n', '\r', '\r\n\r\n', '\n\r']) {
        const text = ['id,notes', `1,"a${inner}b"`, '2,c', `3,"${inner}"`, '4,d'].join(eol) + eol;
        const got = await read(text, { delimiter: ',' });
        const n = countBreaks(inner);
        expect(got.records.map((r) => r.line), JSON.stringify({ eol, inner })).toEqual([2, 3 + n, 4 + n, 5 + 2 * n]);
      }
    }
  });
});
