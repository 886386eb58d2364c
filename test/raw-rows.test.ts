/**
 * Kept rows are copied byte for byte (issue #16 audit N19): the quotes an export chose, a stray quote
 * in an unquoted field, its line breaks. Rows are written anew only when a column is scrubbed or the
 * delimiter changes. Blank lines and rows of empty cells are not copied.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanFile } from '../src/scan.js';
import { BatchPieces } from '../src/write/raw-rows.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cnil-audit-raw-'));

// An export quoting its text cells and leaving numbers bare (as Mailchimp's does); a hand-typed
// "Du"pont" holds a stray quote.
const HEADER = '"email","prenom","nom",code_postal,"date de collecte"\r\n';
const ROWS = [
  '"jeanne@exemple.fr","Jeanne","Martin",01000,"2026-09-01"\r\n',
  '"luc@exemple.fr","Luc",Du"pont,69001,"2026-09-02"\r\n',
  '"marie@exemple.fr","Marie","Durand, dite ""Mimi""",75011,"2026-09-03"\r\n',
];

async function scan(text: string, extra: Record<string, unknown> = {}) {
  const dir = tmp();
  const input = join(dir, 'in.csv');
  writeFileSync(input, text);
  const out = join(dir, 'out.csv');
  await scanFile({ input, out, asOf: '2026-11-23', reports: [], ...extra });
  return readFileSync(out, 'utf8');
}

describe('kept rows, byte for byte', () => {
  it('copies the header and every kept row as the input had them, quotes and CRLF included', async () => {
    expect(await scan(HEADER + ROWS.join(''))).toBe(HEADER + ROWS.join(''));
  });

  it('leaves out blank lines and rows of empty cells, and ends the last row with its line break', async () => {
    const text = HEADER + ROWS[0] + '\r\n' + ',,,,\r\n' + ROWS[1] + ROWS[2].replace(/\r\n$/, '');
    expect(await scan(text)).toBe(HEADER + ROWS.join(''));
  });

  it('writes rows anew when the delimiter changes: values unchanged, quotes only where needed', async () => {
    const out = await scan(HEADER + ROWS.join(''), { outputDelimiter: ';' });
    expect(out).not.toBe(HEADER + ROWS.join(''));
    // (A stray quote stays bare in a row written anew too.)
    expect(out.split('\r\n')[2]).toBe('luc@exemple.fr;Luc;Du"pont;69001;2026-09-02');
  });
});

describe('BatchPieces', () => {
  it('joins consecutive copied rows into one slice and keeps the order with rows written anew', () => {
    const text = Buffer.from('a\nb\nc\nd\n');
    const b = new BatchPieces((s, e) => text.subarray(s, e), (rows) => rows.map((r) => r.join(',') + '\n').join(''));
    b.copy(0, 2);
    b.copy(2, 4);
    b.row(['x', 'y']);
    b.copy(6, 8);
    expect(b.take().map((p) => p.toString())).toEqual(['a\nb\n', 'x,y\n', 'd\n']);
    expect(b.take()).toEqual([]);
  });
});
