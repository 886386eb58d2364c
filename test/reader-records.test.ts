/**
 * The reader's record loop: records are collected as csv-parse finds them and handed out per chunk,
 * and a record's first physical line is worked out without scanning fields that hold no line break.
 */
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { openCsv, type CsvRecord } from '../src/read/reader.js';
import { AuditError } from '../src/errors.js';

function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

async function readAll(text: string, size: number, opts = {}) {
  const reader = await openCsv(chunked(text, size), opts);
  const rows: CsvRecord[] = [];
  const raws: string[] = [];
  for await (const batch of reader.records()) {
    rows.push(...batch.map(({ cells, line }) => ({ cells, line })));
    // A record's bytes (issue #16: a kept row is copied as it was), readable while its batch is current.
    for (const r of batch) raws.push(reader.raw!(r.start!, r.end!).toString('utf8'));
  }
  return { header: reader.header, rows, raws };
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The expected result, computed the slow and obvious way: count every line break before each row. */
function expected(header: string[], rows: string[][], blanks: number[], eol: string) {
  let text = header.map(quote).join(',') + eol;
  const out: { cells: string[]; line: number }[] = [];
  const raws: string[] = [];
  rows.forEach((cells, i) => {
    text += eol.repeat(blanks[i]);
    const line = 1 + (text.match(/\r\n|\n/g)?.length ?? 0);
    const raw = cells.map(quote).join(',') + eol;
    if (cells.some((c) => c !== '')) {
      out.push({ cells, line });
      raws.push(raw);
    }
    text += raw;
  });
  return { text, out, raws };
}

describe('reader: records and their first lines', () => {
  it('matches a line count done by hand, whatever the quoting, line breaks, blank lines and chunking', async () => {
    const cell = fc.stringMatching(/^[a-zé,"]{0,4}(\r?\n[a-zé,"]{0,4}){0,2}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell, fc.nat(2)), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(1, 3, 17, 65536),
        async (spec, eol, size) => {
          const rows = spec.map(([a, b, c]) => [a, b, c]);
          const { text, out, raws } = expected(['email', 'nom', 'note'], rows, spec.map((s) => s[3]), eol);
          const r = await readAll(text, size, { delimiter: ',' });
          expect(r.header).toEqual(['email', 'nom', 'note']);
          expect(r.rows).toEqual(out);
          // Each record's bytes are its own line(s), without the blank lines before it.
          expect(r.raws).toEqual(raws);
        },
      ),
      { numRuns: 150, seed: 20261123 },
    );
  });

  it('reads a header longer than the sample', async () => {
    const header = Array.from({ length: 50 }, (_, i) => `colonne ${i}`);
    const text = header.join(';') + '\n' + header.map((_, i) => `v${i}`).join(';') + '\n';
    const r = await readAll(text, 10, { sampleChars: 16, delimiter: ';' });
    expect(r.header).toEqual(header);
    expect(r.rows).toEqual([{ cells: header.map((_, i) => `v${i}`), line: 2 }]);
  });

  it('refuses a data row wider than the column limit, naming its line', async () => {
    const text = 'email,nom\na@example.org,A\n\nb,c,d,e\n';
    await expect(readAll(text, 4, { maxColumns: 3 })).rejects.toMatchObject({ code: 'E_TOO_MANY_COLUMNS', line: 4 });
  });

  it('refuses a header wider than the column limit', async () => {
    await expect(readAll('a,b,c,d\n1,2,3,4\n', 65536, { maxColumns: 3 })).rejects.toMatchObject({ code: 'E_TOO_MANY_COLUMNS', line: 1 });
  });

  it('hands out the rows before a syntax error, then the error', async () => {
    const good = 'x@example.org,Martin\n'.repeat(2000);
    const reader = await openCsv(chunked('email,nom\n' + good + 'y@example.org,"Martin\n', 4096), { delimiter: ',' });
    let seen = 0;
    const consume = async () => {
      for await (const batch of reader.records()) seen += batch.length;
    };
    await expect(consume()).rejects.toMatchObject({ code: 'E_CSV_SYNTAX' });
    expect(seen).toBe(2000);
  });

  it('stops with the given error when destroyed while reading', async () => {
    // A source that never ends, and stops mid-row: only destroy() can end the read.
    const source = new Readable({ read() {} });
    source.push('email,nom\n' + 'a@example.org,A\n'.repeat(5000) + 'b@exam');
    const reader = await openCsv(source, { delimiter: ',' });
    const it = reader.records();
    let seen = 0;
    while (seen < 5000) {
      const r = await it.next();
      if (r.done) break;
      seen += r.value.length;
    }
    expect(seen).toBe(5000);
    const pending = it.next();
    reader.destroy(new AuditError('E_INTERRUPTED'));
    await expect(pending).rejects.toMatchObject({ code: 'E_INTERRUPTED' });
  });
});
