/**
 * The csv-spectrum cases (comma in quotes, escaped quotes, quoted newlines, CRLF, empty fields, UTF-8,
 * JSON in a field), written here from the well-known suite, as round-trip tests: the reader returns
 * the records and the line each starts on, and a scan writes them back in the same dialect (SPEC §7:
 * same delimiter, quoting and line endings), byte for byte where the input quotes only what needs it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv } from '../src/read/reader.js';
import { run } from '../src/cli/main.js';

interface SpectrumCase {
  name: string;
  text: string;
  header: string[];
  rows: string[][];
  /** Physical line where each row starts. */
  lines: number[];
  /** Whether the cleaned file is the input byte for byte (false where the input quotes empty fields). */
  identical: boolean;
}

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

const CASES: SpectrumCase[] = [
  {
    name: 'comma_in_quotes',
    text: 'first,last,address,city,zip\nJohn,Doe,120 any st.,"Anytown, WW",08123\n',
    header: ['first', 'last', 'address', 'city', 'zip'],
    rows: [['John', 'Doe', '120 any st.', 'Anytown, WW', '08123']],
    lines: [2],
    identical: true,
  },
  {
    name: 'empty',
    text: 'a,b,c\n1,"",""\n2,3,4\n',
    header: ['a', 'b', 'c'],
    rows: [['1', '', ''], ['2', '3', '4']],
    lines: [2, 3],
    identical: false,
  },
  {
    name: 'empty_crlf',
    text: crlf('a,b,c\n1,"",""\n2,3,4\n'),
    header: ['a', 'b', 'c'],
    rows: [['1', '', ''], ['2', '3', '4']],
    lines: [2, 3],
    identical: false,
  },
  {
    name: 'escaped_quotes',
    text: 'a,b\n1,"ha ""ha"" ha"\n3,4\n',
    header: ['a', 'b'],
    rows: [['1', 'ha "ha" ha'], ['3', '4']],
    lines: [2, 3],
    identical: true,
  },
  {
    name: 'json',
    text: 'key,val\n1,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}"\n',
    header: ['key', 'val'],
    rows: [['1', '{"type": "Point", "coordinates": [102.0, 0.5]}']],
    lines: [2],
    identical: true,
  },
  {
    name: 'newlines',
    text: 'a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n',
    header: ['a', 'b', 'c'],
    rows: [['1', '2', '3'], ['Once upon \na time', '5', '6'], ['7', '8', '9']],
    lines: [2, 3, 5],
    identical: true,
  },
  {
    name: 'newlines_crlf',
    text: crlf('a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n'),
    header: ['a', 'b', 'c'],
    rows: [['1', '2', '3'], ['Once upon \r\na time', '5', '6'], ['7', '8', '9']],
    lines: [2, 3, 5],
    identical: true,
  },
  {
    name: 'quotes_and_newlines',
    text: 'a,b\n1,"ha \n""ha"" \nha"\n3,4\n',
    header: ['a', 'b'],
    rows: [['1', 'ha \n"ha" \nha'], ['3', '4']],
    lines: [2, 5],
    identical: true,
  },
  {
    name: 'simple',
    text: 'a,b,c\n1,2,3\n',
    header: ['a', 'b', 'c'],
    rows: [['1', '2', '3']],
    lines: [2],
    identical: true,
  },
  {
    name: 'simple_crlf',
    text: 'a,b,c\r\n1,2,3\r\n',
    header: ['a', 'b', 'c'],
    rows: [['1', '2', '3']],
    lines: [2],
    identical: true,
  },
  {
    name: 'utf8',
    text: 'a,b,c\n1,2,3\n4,5,ʤ\n',
    header: ['a', 'b', 'c'],
    rows: [['1', '2', '3'], ['4', '5', 'ʤ']],
    lines: [2, 3],
    identical: true,
  },
  {
    name: 'location_coordinates',
    text: 'Contact Email,Contact Name,Location Coordinates\ncontact@example.org,Test Name,"(-4.5, 48.4)"\n',
    header: ['Contact Email', 'Contact Name', 'Location Coordinates'],
    rows: [['contact@example.org', 'Test Name', '(-4.5, 48.4)']],
    lines: [2],
    identical: true,
  },
];

async function read(bytes: Buffer) {
  const reader = await openCsv(Readable.from([bytes]));
  const records: { cells: string[]; line: number }[] = [];
  for await (const batch of reader.records()) for (const r of batch) records.push({ cells: r.cells, line: r.line });
  return { header: reader.header, records, dialect: reader.dialect };
}

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-spectrum-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function scan(name: string, bytes: Buffer, header: string[]) {
  const dir = mkdtempSync(join(root, `${name}-`));
  writeFileSync(join(dir, 'in.csv'), bytes);
  // Each file needs a contact column: an email column, else the first one stands for a last name.
  const email = header.find((h) => /email/i.test(h));
  const map = ['--map', email ? `email=${email}` : `last_name=${header[0]}`];
  let stderr = '';
  const code = await run(['scan', 'in.csv', '-o', 'clean.csv', '-r', 'report.json', '--format', 'none', '--as-of', '2026-11-23', ...map], {
    stdout: { write: () => true },
    stderr: { write: (s: string) => ((stderr += s), true) },
    env: {},
    cwd: dir,
  });
  const report = code === 2 ? undefined : JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  const clean = code === 2 ? undefined : readFileSync(join(dir, 'clean.csv'));
  return { code, stderr, report, clean };
}

describe('csv-spectrum', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it('reads the header, the records and the line each starts on', async () => {
        const got = await read(Buffer.from(c.text));
        expect(got.header).toEqual(c.header);
        expect(got.records).toEqual(c.rows.map((cells, i) => ({ cells, line: c.lines[i] })));
        expect(got.dialect.delimiter).toBe(',');
        expect(got.dialect.recordDelimiter).toBe(c.text.includes('\r\n') ? '\r\n' : '\n');
      });

      it('round-trips through a scan', async () => {
        const r = await scan(c.name, Buffer.from(c.text), c.header);
        expect([0, 1], r.stderr).toContain(r.code);
        expect(r.report.input.rows).toBe(c.rows.length);
        expect(r.report.output.rows).toBe(c.rows.length);
        const back = await read(r.clean!);
        expect(back.header).toEqual(c.header);
        expect(back.records.map((x) => x.cells)).toEqual(c.rows);
        if (c.identical) expect(r.clean!.toString('utf8')).toBe(c.text);
      });
    });
  }

  it('keeps a UTF-8 BOM and CRLF endings in the cleaned file', async () => {
    const text = crlf('email,nom\nzoe@example.org,"Zoé\nʤ"\n');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const r = await scan('bom', bytes, ['email', 'nom']);
    expect([0, 1]).toContain(r.code);
    expect(r.clean!.equals(bytes)).toBe(true);
  });

  it('quotes a lone CR or LF that differs from the line ending, so it reads back as data', async () => {
    for (const [eol, inner] of [['\n', 'a\rb'], ['\r\n', 'a\rb'], ['\r', 'a\nb']]) {
      const text = `email,nom${eol}zoe@example.org,"${inner}"${eol}`;
      const r = await scan('lone', Buffer.from(text), ['email', 'nom']);
      expect([0, 1]).toContain(r.code);
      expect(r.clean!.toString('utf8'), JSON.stringify(eol)).toBe(text);
      const back = await read(r.clean!);
      expect(back.records).toEqual([{ cells: ['zoe@example.org', inner], line: 2 }]);
    }
  });
});
