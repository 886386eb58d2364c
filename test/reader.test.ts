import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { openCsv, type CsvRecord } from '../src/read/reader.js';
import { detectEncoding, wholeUtf8Length } from '../src/read/encoding.js';
import fc from 'fast-check';
import { sniffDialect } from '../src/read/dialect.js';

/** Feeds `bytes` in chunks of `size` (1 = byte by byte, to cross every boundary). */
function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

async function readAll(bytes: Buffer, size = 65536, opts = {}) {
  const reader = await openCsv(chunked(bytes, size), opts);
  const rows: CsvRecord[] = [];
  for await (const batch of reader.records()) rows.push(...batch);
  return { dialect: reader.dialect, header: reader.header, rows };
}

const TEXT = 'Nom;Prénom;Courriel\r\nDupré;Hélène;helene@exemple.fr\r\n"Cœur; de ""lion""";Zoë;"z@exemple.fr"\r\n';
const EXPECTED = [['Dupré', 'Hélène', 'helene@exemple.fr'], ['Cœur; de "lion"', 'Zoë', 'z@exemple.fr']];

describe('reader: encodings', () => {
  const cases: [string, Buffer, string, boolean][] = [
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'utf-8', false],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8', true],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf-16le')]), 'utf-16le', true],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')]), 'utf-16be', true],
    ['Windows-1252', iconv.encode(TEXT, 'windows-1252'), 'windows-1252', false],
  ];
  for (const [name, bytes, encoding, bom] of cases) {
    for (const size of [1, 7, 65536]) {
      it(`${name}, fed in chunks of ${size} byte(s)`, async () => {
        const r = await readAll(bytes, size);
        expect(r.dialect.encoding).toBe(encoding);
        expect(r.dialect.bom).toBe(bom);
        expect(r.dialect.delimiter).toBe(';');
        expect(r.dialect.recordDelimiter).toBe('\r\n');
        expect(r.header).toEqual(['Nom', 'Prénom', 'Courriel']);
        expect(r.rows.map((x) => x.cells)).toEqual(EXPECTED);
        expect(r.rows.map((x) => x.line)).toEqual([2, 3]);
      });
    }
  }

  it('switches to Windows-1252 when a non-UTF-8 byte appears after a plain-ASCII sample', async () => {
    const ascii = 'email,nom\n' + 'a@example.org,Martin\n'.repeat(5000); // > 64 KiB of ASCII
    const bytes = Buffer.concat([Buffer.from(ascii), iconv.encode('b@example.org,Hélène\n', 'windows-1252')]);
    const r = await readAll(bytes, 4096);
    expect(r.dialect.encoding).toBe('windows-1252');
    expect(r.rows.at(-1)!.cells).toEqual(['b@example.org', 'Hélène']);
  });

  it('refuses a byte that is not UTF-8 after UTF-8 text, naming the line', async () => {
    const utf8 = 'email,nom\n' + 'a@example.org,Hélène\n'.repeat(4000);
    const bytes = Buffer.concat([Buffer.from(utf8), Buffer.from([0x62, 0x2c, 0xe9, 0x0a])]);
    await expect(readAll(bytes, 4096)).rejects.toMatchObject({ code: 'E_ENCODING', line: 4002 });
  });

  it('UTF-8 is handed on as checked bytes: any chunking past the sample reads the same cells and raw bytes (property)', async () => {
    // Past the 64 KiB sample, with two-, three- and four-byte sequences that chunk ends and the
    // reader's 16 KiB pieces (FEED_BYTES) may cut: chunks up to 70,000 bytes are split into pieces.
    const word = fc.constantFrom('é', 'Hélène', 'Cœur', '€', '😀', 'a', '« »', 'Zoë', 'ﬁ', ',', '"');
    const size = fc.oneof(fc.integer({ min: 1, max: 9000 }), fc.integer({ min: 16 * 1024, max: 70_000 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 20 }), size, fc.integer({ min: 1, max: 300 }), async (words, size, times) => {
        const cells = Array.from({ length: times }, () => words.map((w) => w.join(''))).flat();
        const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
        const filler = 'a@example.org,Martin\n'.repeat(3400); // > 64 KiB
        const tail = cells.map((c, i) => `x${i}@example.org,${quote(c)}\n`).join('');
        const bytes = Buffer.from('email,nom\n' + filler + tail, 'utf8');
        const reader = await openCsv(chunked(bytes, size));
        const rows: CsvRecord[] = [];
        for await (const batch of reader.records()) {
          rows.push(...batch);
          // Raw bytes are read back while the batch is current (a kept row is copied as it was).
          for (const r of batch) expect(reader.raw!(r.start!, r.end!).equals(bytes.subarray(r.start!, r.end!))).toBe(true);
        }
        expect(reader.dialect.encoding).toBe('utf-8');
        expect(rows.slice(3400).map((r) => r.cells[1])).toEqual(cells);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses UTF-8 cut short at the end of the file, naming its line', async () => {
    const utf8 = 'email,nom\n' + 'a@example.org,Hélène\n'.repeat(4000) + 'b@example.org,H';
    const bytes = Buffer.concat([Buffer.from(utf8), Buffer.from([0xc3])]);
    await expect(readAll(bytes, 4096)).rejects.toMatchObject({ code: 'E_ENCODING', line: 4002 });
  });

  it('wholeUtf8Length leaves out only a sequence the end cuts short', () => {
    const cases: [number[], number][] = [
      [[], 0],
      [[0x61], 1],
      [[0x61, 0xc3], 1],
      [[0x61, 0xc3, 0xa9], 3],
      [[0xe2, 0x82], 0],
      [[0xe2, 0x82, 0xac], 3],
      [[0x61, 0xf0, 0x9f, 0x98], 1],
      [[0xf0, 0x9f, 0x98, 0x80], 4],
      // Not UTF-8 at all: left whole, for isUtf8 to refuse.
      [[0x61, 0x80], 2],
      [[0x80, 0x80, 0x80, 0x80], 4],
    ];
    for (const [bytes, n] of cases) expect(wholeUtf8Length(Uint8Array.from(bytes)), JSON.stringify(bytes)).toBe(n);
  });

  it('refuses a binary file (NUL byte)', async () => {
    await expect(readAll(Buffer.from('email\x00,nom\n'))).rejects.toMatchObject({ code: 'E_INPUT_BINARY' });
  });

  it('refuses an empty file and a file of blank lines', async () => {
    await expect(readAll(Buffer.alloc(0))).rejects.toMatchObject({ code: 'E_INPUT_EMPTY' });
    await expect(readAll(Buffer.from('\r\n\n  \n'))).rejects.toMatchObject({ code: 'E_INPUT_EMPTY' });
  });

  it('reads gzip transparently', async () => {
    const r = await readAll(gzipSync(Buffer.from(TEXT)), 3);
    expect(r.rows.map((x) => x.cells)).toEqual(EXPECTED);
  });

  it('detectEncoding: a UTF-8 sequence cut by the end of the sample is still UTF-8', () => {
    const bytes = Buffer.from('abc é', 'utf8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), false).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0x61, 0xe9, 0x62]), true).encoding).toBe('windows-1252');
  });
});

describe('reader: dialects', () => {
  for (const [name, d] of [['comma', ','], ['semicolon', ';'], ['tab', '\t'], ['pipe', '|']] as const) {
    it(`sniffs ${name}`, async () => {
      const text = ['email', 'nom', 'note'].join(d) + '\n' + ['a@example.org', 'Martin', 'x, y; z'].map((v) => (v.includes(d) ? `"${v}"` : v)).join(d) + '\n';
      const r = await readAll(Buffer.from(text));
      expect(r.dialect.delimiter).toBe(d);
      expect(r.rows[0].cells).toEqual(['a@example.org', 'Martin', 'x, y; z']);
    });
  }

  it('prefers the delimiter that is consistent across rows over the most frequent one in the header', () => {
    const text = 'nom;adresse\nMartin;"1, rue A, Paris"\nDurand;"2, rue B"\n';
    expect(sniffDialect(text, true).delimiter).toBe(';');
  });

  for (const [name, eol] of [['CRLF', '\r\n'], ['LF', '\n'], ['CR', '\r']] as const) {
    it(`${name} line endings, quoted newlines, line numbers`, async () => {
      const text = ['email,note', 'a@example.org,"line one' + eol + 'line two"', '', 'b@example.org,plain', 'c@example.org,"x' + eol + eol + 'y"', 'd@example.org,end', '', ''].join(eol);
      const r = await readAll(Buffer.from(text), 5);
      expect(r.dialect.recordDelimiter).toBe(eol);
      expect(r.rows.map((x) => x.cells[0])).toEqual(['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org']);
      expect(r.rows[0].cells[1]).toBe('line one' + eol + 'line two');
      // header 1; a: 2-3; blank 4; b: 5; c: 6-8; d: 9
      expect(r.rows.map((x) => x.line)).toEqual([2, 5, 6, 9]);
    });
  }

  it('detects quote-all style and quoted empty fields (Mailchimp)', () => {
    const s = sniffDialect('"Email Address","First Name"\r\n"a@example.org",""\r\n', true);
    expect(s).toMatchObject({ delimiter: ',', quoteAll: true, quoteEmpty: true, recordDelimiter: '\r\n' });
    const m = sniffDialect('email,nom\na@example.org,"Martin, Jean"\n', true);
    expect(m.quoteAll).toBe(false);
  });

  it('keeps ragged rows as they are (the engine marks them malformed)', async () => {
    const r = await readAll(Buffer.from('email,nom\na@example.org\nb@example.org,B,extra\n'));
    expect(r.rows.map((x) => x.cells.length)).toEqual([1, 3]);
  });

  it('skips rows whose cells are all empty (spreadsheet residue)', async () => {
    const r = await readAll(Buffer.from('email;nom\n;\na@example.org;A\n;;\n'));
    expect(r.rows.map((x) => [x.line, x.cells[0]])).toEqual([[3, 'a@example.org']]);
  });

  it('reports an unterminated quote as a syntax error with a line', async () => {
    await expect(readAll(Buffer.from('email,nom\na@example.org,"Martin\nb@example.org,B\n'))).rejects.toMatchObject({ code: 'E_CSV_SYNTAX' });
  });

  it('honours a forced delimiter and encoding', async () => {
    const r = await readAll(iconv.encode('a|b;c\nx|y;z\n', 'latin1'), 65536, { delimiter: ';', encoding: 'latin1' });
    expect(r.header).toEqual(['a|b', 'c']);
  });
});
