/**
 * Workbooks (issue #15): values as a person sees them, sheet and header choice, the cleaned workbook's
 * round trip, conversions, and bad workbooks (one line, exit 2, nothing written).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbook, StringTable, type WorkbookRecord } from '../src/read/xlsx.js';
import { CellKind, isoToSerial, numberStyle, renderNumber, serialToIso } from '../src/read/xlsx-values.js';
import { XlsxWriter } from '../src/write/xlsx.js';
import { scanFile } from '../src/scan.js';
import { cli, files, FIXTURES, tempDir } from './helpers/cli.js';
import { is, num, workbookParts, zipBuffer } from './helpers/xlsx.js';
import { SheetScanner, XmlSyntaxError } from '../src/read/xlsx-scanner.js';

function scanEvents(chunks: string[]): string[] {
  const ev: string[] = [];
  const sc = new SheetScanner({ open: (n, raw, self) => ev.push(`<${n} ${raw} ${self}`), close: (n) => ev.push(`/${n}`), text: (t) => ev.push(`t:${t}`) });
  for (const c of chunks) sc.write(c);
  sc.close();
  // Text may arrive in pieces: join consecutive pieces.
  return ev.reduce<string[]>((a, e) => (e.startsWith('t:') && a.length && a[a.length - 1].startsWith('t:') ? [...a.slice(0, -1), a[a.length - 1] + e.slice(2)] : [...a, e]), []);
}

async function readAll(path: string, sheet?: string) {
  const wb = await openWorkbook(path, { sheet });
  const rows: WorkbookRecord[] = [];
  for await (const b of wb.records()) rows.push(...b);
  return { wb, rows };
}

async function writeBook(dir: string, name: string, parts: Record<string, string | Buffer>): Promise<string> {
  const p = join(dir, name);
  writeFileSync(p, await zipBuffer(parts));
  return p;
}

describe('date serials', () => {
  it('1900 system, with its phantom 29 February 1900', () => {
    expect(serialToIso(1, false, false)).toBe('1900-01-01');
    expect(serialToIso(59, false, false)).toBe('1900-02-28');
    expect(serialToIso(60, false, false)).toBe('1900-02-29'); // does not exist: reported as invalid by the date reader
    expect(serialToIso(61, false, false)).toBe('1900-03-01');
    expect(serialToIso(45361, false, false)).toBe('2024-03-10');
    expect(serialToIso(45361.5, false, true)).toBe('2024-03-10T12:00:00');
  });
  it('1904 system', () => {
    expect(serialToIso(0, true, false)).toBe('1904-01-01');
    expect(serialToIso(43899, true, false)).toBe('2024-03-10');
  });
  it('isoToSerial inverts serialToIso (1900 system)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2958465 }).filter((n) => n !== 60), (n) => {
      expect(isoToSerial(serialToIso(n, false, false))).toBe(n);
    }));
  });
});

describe('number formats', () => {
  it('dates, text, digit masks', () => {
    expect(numberStyle(14, undefined).date).toBe(true);
    expect(numberStyle(164, 'dd/mm/yyyy').date).toBe(true);
    expect(numberStyle(164, '[$-40C]d mmmm yyyy;@').date).toBe(true);
    expect(numberStyle(164, 'hh:mm').date).toBe(false);
    expect(numberStyle(164, '#,##0.00 "€"').date).toBe(false);
    expect(numberStyle(49, undefined).text).toBe(true);
    expect(renderNumber('1000', numberStyle(164, '00000'), false)).toEqual({ text: '01000', kind: CellKind.Text });
    expect(renderNumber('612345678', numberStyle(164, '0# ## ## ## ##'), false).text).toBe('06 12 34 56 78');
    expect(renderNumber('0.30000000000000004', undefined, false)).toEqual({ text: '0.3', kind: CellKind.Number });
  });
  // Masks as real writers store them: LibreOffice prefixes the locale ([$-40C] = fr-FR), a postal-code
  // format may carry a condition, a colour, or literal text (audit of issue #15).
  const shown: [string, number, string, CellKind][] = [
    ['[$-40C]00000', 1000, '01000', CellKind.Text],
    ['[<=99999]00000;General', 1000, '01000', CellKind.Text],
    ['[<=99999]00000;General', 123456, '123456', CellKind.Number],
    ['[Red]0000', 12, '0012', CellKind.Text],
    ['[$-40C]0# ## ## ## ##', 612345678, '06 12 34 56 78', CellKind.Text],
    ['0#" "##" "##" "##" "##', 612345678, '06 12 34 56 78', CellKind.Text],
    ['"tél. "00 00 00 00 00', 612345678, 'tél. 06 12 34 56 78', CellKind.Text],
    ['0# ## ## ## ##', 33612345678, '336 12 34 56 78', CellKind.Text], // more digits than places: in front, as Excel
    ['00000;(00000)', -12, '(00012)', CellKind.Text],
    ['00000', 1000.6, '01001', CellKind.Text],
    // Grouping or a single 0 cannot show a leading zero: the number stays a number.
    ['# ##0', 1000, '1000', CellKind.Number],
    ['#,##0', 1000, '1000', CellKind.Number],
    ['[$-40C]0', 7, '7', CellKind.Number],
    ['0.00', 3, '3', CellKind.Number],
  ];
  for (const [code, n, text, kind] of shown) {
    it(`${code} shows ${n} as ${text}`, () => {
      expect(renderNumber(String(n), numberStyle(164, code), false)).toEqual({ text, kind });
    });
  }
});

describe('reading the fixtures (made by ExcelJS, scripts/make-xlsx-fixtures.mjs)', () => {
  it('a French campaign sheet: leading zeros, dates, formulas, rich text; line = sheet row', async () => {
    const { wb, rows } = await readAll(join(FIXTURES, 'campagne-excel.xlsx'));
    expect(wb.workbook.sheet).toBe('Contacts');
    expect(wb.header[5]).toBe('Code postal');
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
    const second = rows[1];
    expect(second.cells.slice(0, 7)).toEqual(['2', 'PELLETIER', 'François', 'francois.pelletier@example.org', '0600004102', '01000', '1955-11-02']);
    expect(second.kinds[0]).toBe(CellKind.Number);
    expect(second.kinds[6]).toBe(CellKind.Date);
    expect(rows[4].cells[2]).toBe('Inès'); // rich text flattened
    expect(rows[0].cells[12]).toBe('Hélène FAVIER'); // formula: cached value
  });
  it('several sheets: the first visible one with a header; the others listed; the 1904 system', async () => {
    const { wb, rows } = await readAll(join(FIXTURES, 'classeur-deux-feuilles.xlsx'));
    expect(wb.workbook.sheet).toBe('Sympathisants');
    expect(wb.workbook.otherCandidates).toEqual(['Archive 2020']);
    expect(rows[0].cells[5]).toBe('2024-02-10');
    // --sheet N counts the visible sheets (Lisez-moi, Sympathisants, Archive 2020; Paramètres is hidden).
    const other = await readAll(join(FIXTURES, 'classeur-deux-feuilles.xlsx'), '3');
    expect(other.wb.workbook.sheet).toBe('Archive 2020');
    expect(other.rows[0].cells).toEqual(['ancien@example.com', 'Ancien', 'Réunion publique']);
    expect((await readAll(join(FIXTURES, 'classeur-deux-feuilles.xlsx'), 'archive 2020')).wb.workbook.sheet).toBe('Archive 2020');
  });
  it('a title row above the header, a merged header cell, styled empty cells ignored', async () => {
    const { wb, rows } = await readAll(join(FIXTURES, 'liste-avec-titre.xlsx'));
    expect(wb.workbook.headerRow).toBe(3);
    expect(wb.header).toEqual(['Nom', 'Prénom', 'Email', 'Téléphone', 'Téléphone (2)', 'Source']);
    expect(rows.map((r) => r.line)).toEqual([4, 5, 6]);
    expect(rows.every((r) => r.cells.length === 6)).toBe(true);
  });
});

describe('reading the LibreOffice fixtures (made by LibreOffice Calc, scripts/make-lo-fixtures.py)', () => {
  for (const name of ['lo-mairie.xlsx', 'lo-mairie-1904.xlsx']) {
    it(`${name}: leading zeros through [$-40C], conditional and grouped formats; dates; formulas; errors`, async () => {
      const { wb, rows } = await readAll(join(FIXTURES, name));
      expect(wb.workbook).toMatchObject({ sheet: 'Inscrits', headerRow: 3, otherCandidates: ['Archive 2020'] });
      const col = (h: string) => wb.header.indexOf(h);
      expect(rows.map((r) => r.line)).toEqual([4, 5, 6, 7]);
      const [a, b, c] = rows;
      expect(a.cells[col('Téléphone')]).toBe('0600001501'); // text cell
      expect(a.cells[col('Téléphone (2)')]).toBe('0400001501'); // under the merged header
      expect(a.cells[col('CP num')]).toBe('01000'); // 1000 through [$-40C]00000
      expect(c.cells[col('CP num')]).toBe('07300');
      expect(a.cells[col('Portable num')]).toBe('06 00 00 15 01'); // [<=999999999][$-40C]0#\ ##\ ##\ ##\ ##;General
      expect(a.cells[col('Fixe num')]).toBe('tél. 0\u00a0400\u00a0001\u00a0501'); // "tél. "0,000,000,000, as LibreOffice shows it
      expect(a.kinds[col('CP num')]).toBe(CellKind.Text);
      expect(a.cells[col('Date de naissance')]).toBe('1968-09-14');
      expect(a.kinds[col('Date de naissance')]).toBe(CellKind.Date);
      expect(a.cells[col('Date de collecte')]).toBe('2024-03-05T10:30:00');
      expect(b.cells[col('Date de collecte')]).toBe('2025-05-18'); // a date-time style holding a whole day
      expect(a.cells[col('Nom complet')]).toBe('Jeanne DUPONT'); // string formula, cached value
      expect(a.cells[col('Âge')]).toBe('58'); // number formula
      expect(a.kinds[col('Âge')]).toBe(CellKind.Number);
      expect(b.cells[col('Prénom')]).toBe('Luc'); // rich text: "L" bold + "uc"
      expect(b.cells[col('Cotisation')]).toBe('#N/A'); // =NA()
      expect(c.cells[col('Cotisation')]).toBe('0012'); // [RED][$-409]0000
      expect(c.cells[col('Commentaire')]).toBe('a;b"c');
      expect(a.cells[col('Heure de rappel')]).toBe('09:30:00'); // [$-40C]hh:mm, a time of day
      expect(a.kinds[col('Heure de rappel')]).toBe(CellKind.Time);
      expect(b.kinds[col('Cotisation')]).toBe(CellKind.Error);
    });
  }
  it('scan lo-mairie.xlsx: findings on sheet rows, Religion scrubbed, postal codes kept in the cleaned workbook', async () => {
    const dir = tempDir('lo-mairie.xlsx');
    const { report, written } = await scanFile({ input: join(dir, 'lo-mairie.xlsx'), noReport: true, asOf: '2026-11-23', lang: 'en' });
    expect(report.output.scrubbedColumns).toContain('Religion');
    expect(report.findings.every((f) => f.line >= 4 && f.line <= 7)).toBe(true);
    const out = await readAll(written.clean!);
    const cp = out.wb.header.indexOf('CP num');
    expect(out.rows.map((r) => r.cells[cp])).toEqual(expect.arrayContaining(['01000']));
  });
});

describe('sheet choice and header row', () => {
  it('a summary sheet first (one known column, no contact column) is passed over for the contact sheet', async () => {
    const { wb } = await readAll(join(FIXTURES, 'lo-synthese.xlsx'));
    expect(wb.workbook.sheet).toBe('Contacts');
    expect(wb.workbook.otherCandidates).toEqual([]);
  });
  it('a sheet of one contact column is read when no sheet has more', async () => {
    const dir = tempDir();
    const p = await writeBook(dir, 'liste.xlsx', workbookParts([
      { name: 'Synthèse', xml: `<row r="1">${is('A1', 'Ville')}${is('B1', 'Nombre')}</row><row r="2">${is('A2', 'Lyon')}</row>` },
      { name: 'Adresses', xml: `<row r="1">${is('A1', 'Email')}</row><row r="2">${is('A2', 'a@example.org')}</row>` },
    ]));
    expect((await readAll(p)).wb.workbook.sheet).toBe('Adresses');
  });
  it('the header rank: a contact column and another known one', async () => {
    const { headerRank } = await import('../src/read/xlsx.js');
    expect(headerRank(['Ville', 'Nombre de contacts']).tier).toBe(0);
    expect(headerRank(['Email']).tier).toBe(1);
    expect(headerRank(['Email perso', 'Source']).tier).toBe(2);
    expect(headerRank(['Nom', 'Prénom', 'Ville'])).toEqual({ tier: 2, score: 3 });
    // Columns named only by contact words are a header; data rows are not read as one.
    expect(headerRank(['Adresse mail perso', 'Tél. portable', 'Commentaire'])).toEqual({ tier: 2, score: 2 });
    expect(headerRank(['jeanne.mail@exemple.fr', '06 11 22 33 44', 'Adresse mail perso'])).toEqual({ tier: 1, score: 1 });
  });
  it('a title row above a header named only by contact words: the header is the second row', async () => {
    const dir = tempDir();
    const p = await writeBook(dir, 'soutiens.xlsx', workbookParts([
      { name: 'Contacts', xml: `<row r="1">${is('A1', 'Liste des soutiens')}</row><row r="2">${is('A2', 'Adresse mail perso')}${is('B2', 'Tél. portable')}${is('C2', 'Commentaire')}</row><row r="3">${is('A3', 'a@exemple.fr')}${is('B3', '0611223344')}${is('C3', 'x')}</row>` },
    ]));
    const { wb, rows } = await readAll(p);
    expect(wb.workbook.headerRow).toBe(2);
    expect(rows).toHaveLength(1);
  });
  it('--sheet N counts visible sheets, as the list in messages numbers them', async () => {
    expect((await readAll(join(FIXTURES, 'lo-mairie.xlsx'), '2')).wb.workbook.sheet).toBe('Inscrits');
    expect((await readAll(join(FIXTURES, 'lo-mairie.xlsx'), 'Cachée')).wb.workbook.sheet).toBe('Cachée'); // hidden: by name
    await expect(readAll(join(FIXTURES, 'lo-mairie.xlsx'), '4')).rejects.toMatchObject({ code: 'E_SHEET_NOT_FOUND', params: { sheets: 'Notes (1), Inscrits (2), Archive 2020 (3)' } });
  });
  it('the chosen sheet without a contact column: the error names it and lists the sheets for --sheet', () => {
    const dir = tempDir('lo-synthese.xlsx');
    const r = cli(['scan', 'lo-synthese.xlsx', '--sheet', 'Synthèse', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('lo-synthese.xlsx:1: sheet "Synthèse": no recognisable contact column (email, phone, address or name) among: Ville, Nombre de contacts; choose the sheet with --sheet NAME or N (sheets: Synthèse (1), Contacts (2)), name the header row with --header-row N');
  });
  const preamble = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 1}">${is(`A${i + 1}`, `Ligne de présentation ${i + 1}`)}</row>`).join('');
  const tail = (h: number) => `<row r="${h}">${is(`A${h}`, 'Nom')}${is(`B${h}`, 'Email')}${is(`C${h}`, 'Source')}</row><row r="${h + 1}">${is(`A${h + 1}`, 'DURAND')}${is(`B${h + 1}`, 'paul@example.org')}${is(`C${h + 1}`, 'Site web')}</row>`;
  it('a header below row 20 is found (first 100 rows)', async () => {
    const dir = tempDir();
    const p = await writeBook(dir, 'h25.xlsx', workbookParts([{ name: 'Extraction', xml: preamble(24) + tail(25) }]));
    const { wb, rows } = await readAll(p);
    expect(wb.workbook.headerRow).toBe(25);
    expect(rows.map((r) => r.line)).toEqual([26]);
  });
  it('--header-row N for a workbook: a header past the first 100 rows; without it, an error suggesting it', async () => {
    const dir = tempDir();
    await writeBook(dir, 'h130.xlsx', workbookParts([{ name: 'Extraction', xml: preamble(129) + tail(130) }]));
    let r = cli(['scan', 'h130.xlsx', '--lang', 'en', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sheet "Extraction": no recognisable contact column.*--header-row N \(it is looked for in the first 100 rows\)/);
    r = cli(['scan', 'h130.xlsx', '--header-row', '130', '--lang', 'en', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(r.code, r.stderr).toBeLessThan(2);
    const rep = JSON.parse(r.stdout);
    expect(rep.input.workbook.headerRow).toBe(130);
    expect(rep.input.rows).toBe(1);
    expect(rep.findings.every((f: { line: number }) => f.line === 131)).toBe(true);
  });
});

describe('spreadsheet layouts: a second header row, a note past the header', () => {
  it('a sub-header row under merged header cells (LibreOffice) is joined to the header, never read as a contact', async () => {
    const { wb, rows } = await readAll(join(FIXTURES, 'lo-synthese.xlsx'));
    expect(wb.workbook).toMatchObject({ sheet: 'Contacts', headerRow: 1, subHeaderRow: 2 });
    expect(wb.header).toEqual(['Nom', 'Email', 'Téléphone Portable', 'Téléphone Fixe', 'Source', 'Consentement email']);
    expect(rows.map((r) => r.line)).toEqual([3, 4]);
  });
  it('a sub-header row without merges, naming two known columns, is joined too; a data row is not', async () => {
    const dir = tempDir();
    const p = await writeBook(dir, 'sous.xlsx', workbookParts([{ xml:
      `<row r="1">${is('A1', 'Nom')}${is('B1', 'Email')}${is('C1', 'Téléphone')}</row>` +
      `<row r="2">${is('C2', 'Portable')}${is('D2', 'Fixe')}</row>` +
      `<row r="3">${is('A3', 'DURAND')}${is('B3', 'paul@example.org')}${is('C3', '0600001601')}${is('D3', '0400001601')}</row>` }]));
    const { wb, rows } = await readAll(p);
    expect(wb.header).toEqual(['Nom', 'Email', 'Téléphone Portable', 'Fixe']);
    expect(rows.map((r) => r.line)).toEqual([3]);
    const data = await writeBook(dir, 'data.xlsx', workbookParts([{ xml:
      `<row r="1">${is('A1', 'Nom')}${is('B1', 'Téléphone')}${is('C1', 'Type')}</row>` +
      `<row r="2">${is('A2', 'DURAND')}${is('B2', '06 00 00 16 01')}${is('C2', 'Portable')}</row>` }]));
    expect((await readAll(data)).rows.map((r) => r.line)).toEqual([2]);
  });
  it('scan: the summary says the header is on two rows; a note past the header keeps its row and is reported', async () => {
    const dir = tempDir('lo-synthese.xlsx');
    const r = cli(['scan', 'lo-synthese.xlsx', '--lang', 'en', '--no-color', '-o', 'propre.xlsx', '-r', 'r.json'], { cwd: dir });
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(r.stdout).toContain('workbook sheet "Contacts" (header on rows 1–2: the second row\'s sub-headers joined to the names above them)');
    const rep = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(rep.input.rows).toBe(2);
    expect(rep.output.rows + rep.output.droppedRows).toBe(2);
    expect(rep.summary.byRule['malformed-row']).toBeUndefined();
    expect(rep.input.notices).toContainEqual(expect.objectContaining({ id: 'notice.cellsBeyondHeader', params: { rows: '1', first: '4', header: 'F', last: 'I' } }));
    expect(r.stdout).toContain("cells past the header's last column (F) on 1 row(s), up to column I, the first on row 4");
    const out = await readAll(join(dir, 'propre.xlsx'));
    expect(out.rows.flatMap((row) => row.cells)).not.toContain('à rappeler');
  });
});

describe('the worksheet scanner', () => {
  const xml = '<?xml version="1.0"?>\n<worksheet xmlns:x="u"><!-- note --><sheetData><row r="1" spans="1:2"><c r="A1" t="inlineStr"><is><t xml:space="preserve">a &amp; b &lt;&#233;&#x1F600;&gt; \'q\' "</t></is></c><c r=\'B1\' s="2"><v>1</v></c><x:c r="C1"><v><![CDATA[<x>]]></v></x:c></row><row r="2"/></sheetData></worksheet>';
  it('gives the same events however the text is cut (property)', () => {
    const whole = scanEvents([xml]);
    expect(whole).toContain('t:a & b <é😀> \'q\' "');
    expect(whole).toContain('t:<x>');
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: xml.length - 1 }), { maxLength: 12 }), (cuts) => {
      const at = [0, ...cuts.sort((a, b) => a - b), xml.length];
      expect(scanEvents(at.slice(1).map((e, i) => xml.slice(at[i], e)))).toEqual(whole);
    }));
  });
  it('refuses what would misread the data', () => {
    for (const bad of ['<a><b></a>', '<a>x &foo; y</a>', '<a>x & y</a>', '<a><b>', '<a/><b/>', 'text<a/>', '<!DOCTYPE a []><a/>']) {
      expect(() => scanEvents([bad]), bad).toThrow(XmlSyntaxError);
    }
  });
});

describe('hand-built workbooks', () => {
  it('shared strings past the in-memory size are spooled and read back', () => {
    const t = new StringTable(100);
    const all = Array.from({ length: 500 }, (_, i) => `chaîne ${i} é€😀`);
    for (const s of all) t.add(s);
    t.flush();
    try {
      expect(t.size).toBe(500);
      for (const i of [0, 1, 250, 499, 3]) expect(t.get(i)).toBe(all[i]);
      expect(t.get(500)).toBeUndefined();
    } finally {
      t.dispose();
    }
  });
  it('the spooled table gives every string back in any order of reads (property)', () => {
    const all = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? '' : `s${i} ${'é'.repeat(i % 13)}😀`));
    const t = new StringTable(50);
    for (const s of all) t.add(s);
    t.flush();
    try {
      fc.assert(fc.property(fc.array(fc.nat({ max: 1009 }), { maxLength: 300 }), (reads) => {
        for (const i of reads) expect(t.get(i)).toBe(all[i]);
      }), { numRuns: 50 });
    } finally {
      t.dispose();
    }
  });
  it('the spooled table: strings sharing a cache slot, strings too long to cache, one longer than the write buffer', () => {
    // 70,000 strings: index i and i + 32768 share a slot of the cache of strings read again.
    const text = (i: number) => (i === 40000 ? `long ${'€'.repeat(30000)}` : i % 5 === 0 ? `s${i} ${'é'.repeat(40)}` : `s${i}`);
    const t = new StringTable(50);
    for (let i = 0; i < 70000; i++) t.add(text(i));
    t.flush();
    try {
      expect(t.size).toBe(70000);
      expect(t.get(69999)).toBe(text(69999)); // the furthest block first: every read below is behind it
      for (let round = 0; round < 3; round++) {
        for (const i of [5, 32773, 5, 65541, 32773, 1, 32769, 40000, 7, 40000, 7]) expect(t.get(i)).toBe(text(i));
      }
      for (let i = 0; i < 70000; i += 997) expect(t.get(i)).toBe(text(i));
    } finally {
      t.dispose();
    }
  });
  it('text cells keep zeros, booleans, errors, escapes, phonetic runs left out', async () => {
    const dir = tempDir();
    const p = await writeBook(dir, 'a.xlsx', workbookParts([{ xml:
      `<row r="1">${is('A1', 'email')}${is('B1', 'Code postal')}${is('C1', 'Actif')}${is('D1', 'Note')}</row>` +
      `<row r="2">${is('A2', 'a@example.org')}<c r="B2" t="s"><v>0</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c></row>` +
      `<row r="3">${is('A3', 'b@example.org')}${num('B3', 1000, 1)}<c r="C3" t="b"><v>0</v></c><c r="D3" t="inlineStr"><is><r><t>x_x000D_y</t></r><rPh><t>ふりがな</t></rPh></is></c></row>`,
    }], { sst: ['01000'], formats: ['@'] }));
    const { rows } = await readAll(p);
    expect(rows[0].cells).toEqual(['a@example.org', '01000', 'TRUE', '#N/A']);
    expect(rows[1].cells).toEqual(['b@example.org', '1000', 'FALSE', 'x\ry']);
    expect(rows[1].kinds[2]).toBe(CellKind.Bool);
  });
  it('serials in a date-formatted cell, 1900 and 1904', async () => {
    const dir = tempDir();
    for (const [date1904, serial] of [[false, 45361], [true, 43899]] as const) {
      const p = await writeBook(dir, `d${date1904}.xlsx`, workbookParts([{ xml: `<row r="1">${is('A1', 'email')}${is('B1', 'Dernier contact')}</row><row r="2">${is('A2', 'a@example.org')}${num('B2', serial, 1)}</row>` }], { formats: [14], date1904 }));
      expect((await readAll(p)).rows[0].cells[1]).toBe('2024-03-10');
    }
  });
  it('a header error names the sheet row of the header', async () => {
    const dir = tempDir();
    const p = await writeBook(dir, 'h.xlsx', workbookParts([{ xml: `<row r="1">${is('A1', 'Liste du 12 mars')}</row><row r="3">${is('A3', 'email')}${is('B3', 'nom')}${is('C3', 'nom')}</row>` }]));
    await expect(scanFile({ input: p, dryRun: true, noReport: true })).rejects.toMatchObject({ code: 'E_HEADER_DUPLICATE', line: 3 });
  });
  it('a wide row past the column limit is one clear error naming the row', async () => {
    const dir = tempDir();
    const p = await writeBook(dir, 'w.xlsx', workbookParts([{ xml: `<row r="1">${is('A1', 'email')}</row><row r="7">${is('A7', 'a@example.org')}${is('XFD7', 'x')}</row>` }]));
    const read = async () => {
      const wb = await openWorkbook(p, { maxColumns: 100 });
      for await (const _ of wb.records()) { /* read */ }
    };
    await expect(read()).rejects.toMatchObject({ code: 'E_TOO_MANY_COLUMNS', line: 7, params: { count: 16384, limit: 100 } });
  });
});

describe('the row limit (limits.maxRecordSize): the sum of a row\'s cells, checked as the text streams', () => {
  const readAllWith = async (p: string, maxRecordSize: number) => {
    const wb = await openWorkbook(p, { maxRecordSize });
    const rows: WorkbookRecord[] = [];
    for await (const b of wb.records()) rows.push(...b);
    return rows;
  };
  const cell = (ref: string, n: number) => is(ref, 'x'.repeat(n));
  it('cells under the limit one by one but over it together refuse the row', async () => {
    const dir = tempDir();
    const ok = await writeBook(dir, 'ok.xlsx', workbookParts([{ xml: `<row r="1">${is('A1', 'email')}${is('B1', 'a')}${is('C1', 'b')}</row><row r="2">${cell('A2', 400)}${cell('B2', 400)}</row>` }]));
    expect((await readAllWith(ok, 1000)).length).toBe(1);
    const wide = await writeBook(dir, 'wide.xlsx', workbookParts([{ xml: `<row r="1">${is('A1', 'email')}${is('B1', 'a')}${is('C1', 'b')}</row><row r="5">${cell('A5', 400)}${cell('B5', 400)}${cell('C5', 400)}</row>` }]));
    await expect(readAllWith(wide, 1000)).rejects.toMatchObject({ code: 'E_ROW_TOO_LARGE', line: 5, params: { limit: 1000 } });
  });
  it('a huge cell is refused before the end of its part is read (the part is cut off after it)', async () => {
    const dir = tempDir();
    const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${is('A1', 'email')}</row><row r="2"><c r="A2" t="inlineStr"><is><t>${'y'.repeat(4 * 1024 * 1024)}`;
    const p = await writeBook(dir, 'big.xlsx', workbookParts([{ xml }]));
    await expect(readAllWith(p, 1000)).rejects.toMatchObject({ code: 'E_ROW_TOO_LARGE', line: 2 });
  });
  it('a shared string over the limit is not kept, and is refused where a cell uses it', async () => {
    const dir = tempDir();
    const huge = 'z'.repeat(2 * 1024 * 1024);
    const used = await writeBook(dir, 'sst.xlsx', workbookParts([{ xml: `<row r="1">${is('A1', 'email')}</row><row r="3"><c r="A3" t="s"><v>1</v></c></row>` }], { sst: ['a@example.org', huge] }));
    await expect(readAllWith(used, 1000)).rejects.toMatchObject({ code: 'E_ROW_TOO_LARGE', line: 3 });
    const unused = await writeBook(dir, 'sst2.xlsx', workbookParts([{ xml: `<row r="1">${is('A1', 'email')}</row><row r="3"><c r="A3" t="s"><v>0</v></c></row>` }], { sst: ['a@example.org', huge] }));
    expect((await readAllWith(unused, 1000))[0].cells).toEqual(['a@example.org']);
  });
  it('CLI: one line naming file and row, exit 2, nothing written', async () => {
    const dir = tempDir();
    await writeBook(dir, 'wide.xlsx', workbookParts([{ xml: `<row r="1">${is('A1', 'email')}${is('B1', 'a')}${is('C1', 'b')}</row><row r="4">${cell('A4', 400)}${cell('B4', 400)}${cell('C4', 400)}</row>` }]));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ limits: { maxRecordSize: 1000 } }));
    const before = files(dir);
    const r = cli(['scan', 'wide.xlsx', '-c', 'c.json', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/wide\.xlsx:4: the row is larger than the limit of 1000 characters \(its cells together; config limits\.maxRecordSize\)/);
    expect(files(dir)).toEqual(before);
  });
});

describe('writing workbooks', () => {
  it('any text round-trips through the writer and the reader (property)', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '<', '&', '"', '\u0001', '\u000b', '_x0041_', '😀', ' ', '\n', '\t', '0') , maxLength: 12 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), async (rows) => {
      const p = join(dir, `p${n++}.xlsx`);
      const chunks: Buffer[] = [];
      const w = new XlsxWriter({ writeSync: (c) => void chunks.push(Buffer.from(c)) }, 'Feuil1', ['email', 'note']);
      await w.write(rows);
      await w.finish();
      writeFileSync(p, Buffer.concat(chunks));
      const back = await readAll(p);
      const want = rows.map((r) => r.slice(0, Math.max(r.length - [...r].reverse().findIndex((c) => c !== ''), 0)));
      const got = back.rows.map((r) => r.cells.slice(0, r.cells.length));
      // Rows whose cells are all empty are skipped on reading, as in a CSV.
      expect(got.map((r) => r.concat(['', '']).slice(0, 2))).toEqual(want.filter((r) => r.some((c) => c !== '')).map((r) => r.concat(['', '']).slice(0, 2)));
    }), { numRuns: 40 });
  });

  it('scan: the cleaned workbook re-read gives the kept rows, same values and types, scrubbed column removed', async () => {
    const dir = tempDir('campagne-excel.xlsx');
    const input = join(dir, 'campagne-excel.xlsx');
    const { report, written } = await scanFile({ input, noReport: true, for: ['email'], asOf: '2026-11-23', lang: 'en' });
    expect(written.clean).toBe(join(dir, 'campagne-excel.clean.xlsx'));
    expect(report.output.scrubbedColumns).toEqual(["Centres d'intérêt"]);
    const src = await readAll(input);
    const out = await readAll(written.clean!);
    expect(out.wb.workbook.sheet).toBe('Contacts');
    expect(out.wb.header).toEqual(src.wb.header.filter((h) => h !== "Centres d'intérêt"));
    expect(out.rows.length).toBe(report.output.rows);
    const drop = src.wb.header.indexOf("Centres d'intérêt");
    const kept = src.rows.filter((r) => out.rows.some((o) => o.cells[0] === r.cells[0]));
    expect(kept.length).toBe(out.rows.length);
    kept.forEach((r, i) => {
      expect(out.rows[i].cells).toEqual(r.cells.filter((_, k) => k !== drop));
      expect([...out.rows[i].kinds]).toEqual([...r.kinds].filter((_, k) => k !== drop));
    });
  });

  it('the cleaned and removed-rows workbooks re-read by ExcelJS (an independent reader) keep each cell\'s type', async () => {
    const dir = tempDir('lo-mairie.xlsx');
    const r = cli(['scan', 'lo-mairie.xlsx', '-o', 'propre.xlsx', '--rejects', 'retires.xlsx', '--as-of', '2026-11-23', '--lang', 'en', '--format', 'none'], { cwd: dir });
    expect(r.code, r.stderr).toBeLessThan(2);
    const { default: ExcelJS } = await import('exceljs');
    type Value = import('exceljs').CellValue;
    const sheet = async (p: string, name: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, p));
      const ws = wb.getWorksheet(name)!;
      // ExcelJS gives a merged header's name to each cell under it; the tool names the second "(2)".
      const head = (ws.getRow(p === 'lo-mairie.xlsx' ? 3 : 1).values as Value[]).map((v, i, all) => (i > 1 && v && v === all[i - 1] ? `${String(v)} (2)` : String(v ?? '')));
      const rows: Record<string, { value: Value; numFmt: string }>[] = [];
      ws.eachRow((row, n) => {
        if (n <= (p === 'lo-mairie.xlsx' ? 3 : 1)) return;
        const rec: Record<string, { value: Value; numFmt: string }> = {};
        row.eachCell((c, i) => { rec[head[i]] = { value: c.value, numFmt: c.numFmt }; });
        rows.push(rec);
      });
      return rows;
    };
    const src = await sheet('lo-mairie.xlsx', 'Inscrits');
    const out = [...await sheet('propre.xlsx', 'Inscrits'), ...await sheet('retires.xlsx', 'Inscrits')];
    expect(out.length).toBe(src.length);
    const masked = /0[0#]/; // a format that shows leading zeros: the cell becomes the text shown
    let checked = 0;
    const kinds = new Set<string>();
    for (const s of src) {
      const o = out.find((x) => x.Courriel?.value === s.Courriel.value)!;
      expect(o, String(s.Courriel.value)).toBeDefined();
      for (const [col, { value, numFmt }] of Object.entries(s)) {
        if (col === 'Religion') { expect(o[col]).toBeUndefined(); continue; } // scrubbed
        const got = o[col]?.value;
        let want = value as Value;
        if (want && typeof want === 'object' && 'formula' in want) want = (want as { result: Value }).result; // a formula: its value
        if (want && typeof want === 'object' && 'richText' in want) want = (want as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
        if (typeof want === 'number' && masked.test(numFmt ?? '')) {
          kinds.add('masked');
          expect(typeof got, col).toBe('string');
          expect(Number(String(got).replace(/\D/g, '')), col).toBe(want);
          expect(o[col].numFmt).toBe('@');
        } else if (want instanceof Date) {
          kinds.add(want.getUTCFullYear() === 1899 ? 'time' : 'date');
          expect(got, col).toBeInstanceOf(Date);
          expect((got as Date).getTime(), col).toBe(want.getTime());
        } else if (want && typeof want === 'object' && 'error' in want) {
          kinds.add('error');
          expect(got, col).toEqual({ error: (want as { error: string }).error });
        } else {
          kinds.add(typeof want);
          expect(got, col).toEqual(want);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect([...kinds].sort()).toEqual(['date', 'error', 'masked', 'number', 'string', 'time']);
  });

  it('purge: a workbook in, a purged workbook out', async () => {
    const dir = tempDir('campagne-excel.xlsx');
    const r = cli(['purge', 'campagne-excel.xlsx', '--as-of', '2026-11-23', '--lang', 'en', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(files(dir).filter((f) => f.includes('purged'))).toEqual(['campagne-excel.purged.xlsx']);
    const out = await readAll(join(dir, 'campagne-excel.purged.xlsx'));
    expect(out.rows.length).toBeGreaterThan(0);
    expect(out.rows.length).toBeLessThan(6);
  });

  it('-o x.csv converts (BOM, ";" in French, CRLF); -o x.xlsx from a CSV converts', async () => {
    const dir = tempDir('classeur-deux-feuilles.xlsx', 'mailchimp-audience.csv');
    let r = cli(['scan', 'classeur-deux-feuilles.xlsx', '-o', 'c.csv', '--lang', 'fr', '--format', 'none'], { cwd: dir });
    expect(r.code, r.stderr).toBeLessThan(2);
    const csv = readFileSync(join(dir, 'c.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFEmail;Prénom;Nom;')).toBe(true);
    expect(csv).toContain('\r\n');
    r = cli(['scan', 'mailchimp-audience.csv', '-o', 'm.xlsx', '--format', 'none'], { cwd: dir });
    expect(r.code, r.stderr).toBeLessThan(2);
    const back = await readAll(join(dir, 'm.xlsx'));
    expect(back.wb.workbook.sheet).toBe('mailchimp-audience');
    expect(back.wb.header[0]).toBe('Email Address');
    expect(back.rows[0].cells[0]).toBe('camille.roux@exemple.fr');
  });

  it('Markdown and HTML reports name the sheet, its header row and the rows, not a CSV dialect', () => {
    const dir = tempDir('lo-mairie.xlsx');
    for (const lang of ['en', 'fr']) {
      const r = cli(['scan', 'lo-mairie.xlsx', '--lang', lang, '--format', 'none', '-o', `c-${lang}.xlsx`, '-r', `r-${lang}.md`, '-r', `r-${lang}.html`], { cwd: dir });
      expect(r.code, r.stderr).toBeLessThan(2);
    }
    const md = readFileSync(join(dir, 'r-en.md'), 'utf8');
    expect(md).toContain('- Input: 4 rows, 19 columns, workbook sheet "Inscrits" (header on row 3)');
    expect(md).not.toMatch(/BOM|delimiter/);
    expect(readFileSync(join(dir, 'r-fr.md'), 'utf8')).toContain('feuille « Inscrits » du classeur (en-tête en ligne 3)');
    const html = readFileSync(join(dir, 'r-fr.html'), 'utf8');
    expect(html).toContain('<dt>Feuille du classeur</dt><dd>Inscrits</dd><dt>En-tête en ligne</dt><dd>3</dd><dt>Lignes lues</dt><dd>4</dd>');
    expect(html).not.toMatch(/<dt>(Encodage|Séparateur)<\/dt>/);
  });

  it('init maps a workbook sample\'s header (--sheet too)', () => {
    const dir = tempDir('classeur-deux-feuilles.xlsx');
    const r = cli(['init', 'classeur-deux-feuilles.xlsx', '--sheet', 'Archive 2020', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('workbook sheet "Archive 2020"');
    expect(JSON.parse(readFileSync(join(dir, 'cnil-audit.config.json'), 'utf8')).mapping).toEqual({ email: 'Email', last_name: 'Nom', source: 'Source' });
  });

  it('the summary names the sheet, the other candidates, and that other sheets are not copied', () => {
    const dir = tempDir('classeur-deux-feuilles.xlsx');
    const r = cli(['scan', 'classeur-deux-feuilles.xlsx', '--lang', 'en', '--no-color'], { cwd: dir });
    expect(r.stdout).toContain('workbook sheet "Sympathisants" (header on row 1)');
    expect(r.stdout).toContain('Other sheets not read (use --sheet to choose): Archive 2020');
    expect(r.stdout).toContain('the other sheets were not copied');
    const j = cli(['scan', 'classeur-deux-feuilles.xlsx', '--sheet', 'Archive 2020', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(JSON.parse(j.stdout).input.workbook).toMatchObject({ sheet: 'Archive 2020', headerRow: 1 });
  });
});

/** An OLE compound file (what an encrypted workbook and an .xls are) naming one stream. */
function oleFile(dir: string, name: string, stream: string): string {
  const p = join(dir, name);
  const b = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  Buffer.from(stream, 'utf16le').copy(b, 1200);
  writeFileSync(p, b);
  return p;
}

describe('bad workbooks: one line, exit 2, nothing written', () => {
  const cases: [string, (dir: string) => Promise<string>, RegExp][] = [
    ['encrypted', async (dir) => oleFile(dir, 'chiffre.xlsx', 'EncryptedPackage'), /password-protected/],
    ['.xls (BIFF)', async (dir) => oleFile(dir, 'ancien.xls', 'Workbook'), /97-2003 \(\.xls\)/],
    ['corrupt zip', async (dir) => {
      const good = readFileSync(join(FIXTURES, 'campagne-excel.xlsx'));
      const p = join(dir, 'tronque.xlsx');
      writeFileSync(p, good.subarray(0, good.length - 200));
      return p;
    }, /cannot be read/],
    ['not a zip, named .xlsx', async (dir) => {
      const p = join(dir, 'faux.xlsx');
      writeFileSync(p, 'email\na@example.org\n');
      return p;
    }, /cannot be read \(not a zip file\)/],
    ['zip bomb', async (dir) => {
      const rows = '<row><c t="inlineStr"><is><t>email</t></is></c></row>' + ' '.repeat(40 * 1024 * 1024);
      return writeBook(dir, 'bombe.xlsx', workbookParts([{ xml: rows }]));
    }, /zip bomb/],
    ['.ods', async (dir) => writeBook(dir, 'tableur.ods', { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' }), /OpenDocument.*Save As/],
    ['.ods made by LibreOffice', async (dir) => {
      const p = join(dir, 'mairie.ods');
      writeFileSync(p, readFileSync(join(FIXTURES, 'lo-mairie.ods')));
      return p;
    }, /OpenDocument.*Save As > Excel 2007-365/],
    ['too many columns', async (dir) => writeBook(dir, 'large.xlsx', workbookParts([{ xml: `<row r="1">${is('A1', 'email')}${is('ZZZZ1', 'x')}</row>` }])), /columns, more than the limit/],
    ['no such sheet', async (dir) => writeBook(dir, 'feuilles.xlsx', workbookParts([{ name: 'Contacts', xml: `<row r="1">${is('A1', 'email')}</row>` }])), /--sheet Dons: no such sheet \(sheets: Contacts \(1\)\)/],
    ['broken XML', async (dir) => writeBook(dir, 'xml.xlsx', workbookParts([{ xml: `<row r="1">${is('A1', 'email')}</row><row r="2"><c><v>1</c></row>` }])), /cannot be read \(XML/],
  ];
  for (const [what, make, message] of cases) {
    it(what, async () => {
      const dir = tempDir();
      const p = await make(dir);
      const before = files(dir);
      const args = ['scan', p, '--lang', 'en', '--rejects', join(dir, 'rej.xlsx')];
      if (what === 'no such sheet') args.push('--sheet', 'Dons');
      const r = cli(args, { cwd: dir });
      expect(r.code).toBe(2);
      const lines = r.stderr.split('\n').filter((l) => l && !/rejects|personal/i.test(l));
      expect(lines.length, r.stderr).toBe(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toContain(p.split('/').pop()!);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(files(dir)).toEqual(before);
    });
  }

  it('a workbook on stdin: a workbook message (give its path), not "not a text file"', () => {
    const dir = tempDir();
    for (const [name, lang, want] of [
      ['lo-mairie.xlsx', 'en', 'cnil-audit: <stdin>:1: this is a workbook (.xlsx, .ods or .xls), which cannot be read from standard input; give its path instead: cnil-audit scan contacts.xlsx'],
      ['lo-mairie.ods', 'fr', 'cnil-audit: <stdin>:1: ceci est un classeur (.xlsx, .ods ou .xls), qui ne peut pas être lu sur l’entrée standard ; donnez plutôt son chemin : cnil-audit scan contacts.xlsx'],
    ]) {
      const r = cli(['scan', '-', '--lang', lang], { cwd: dir, input: readFileSync(join(FIXTURES, name)) });
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(want);
      expect(files(dir)).toEqual([]);
    }
  });
  it('a zip that is not a workbook (Mailchimp\'s export .zip of CSV files) says to extract it', async () => {
    const dir = tempDir('mailchimp-audience.csv');
    writeFileSync(join(dir, 'members_export_5f2e8c1a7b.zip'), await zipBuffer({
      'subscribed_members_export_5f2e8c1a7b.csv': readFileSync(join(FIXTURES, 'mailchimp-audience.csv')),
      'unsubscribed_members_export_5f2e8c1a7b.csv': 'Email Address\n',
    }));
    const before = files(dir);
    const r = cli(['scan', 'members_export_5f2e8c1a7b.zip', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/members_export_5f2e8c1a7b\.zip: this is a zip archive, not a workbook \(it holds 2 CSV files\); extract it and scan its CSV files/);
    expect(files(dir)).toEqual(before);
  });
  it('-o x.ods, -o x.xls, --rejects x.ods: a usage error (exit 2), no CSV written under a workbook name', () => {
    const dir = tempDir('lo-mairie.xlsx');
    for (const [args, lang, want] of [
      [['-o', 'propre.ods'], 'en', /^cnil-audit: -o \S*propre\.ods: \.ods files are not written; name it \.xlsx \(a workbook\) or \.csv$/],
      [['-o', 'propre.XLS'], 'fr', /^cnil-audit: -o \S*propre\.XLS : les fichiers \.xls ne sont pas écrits ; nommez-le en \.xlsx \(un classeur\) ou en \.csv$/],
      [['--rejects', 'retires.ods'], 'en', /^cnil-audit: --rejects \S*retires\.ods: \.ods files are not written/],
    ] as const) {
      const r = cli(['scan', 'lo-mairie.xlsx', ...args, '--lang', lang], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n').filter((l) => !/rejects|personal|supprim|personnel/i.test(l) || l.startsWith('cnil-audit: --rejects'))[0]).toMatch(want);
      expect(files(dir)).toEqual(['lo-mairie.xlsx']);
    }
  });

  it('random damage to a workbook never crashes and never leaves a file (property)', async () => {
    const good = readFileSync(join(FIXTURES, 'campagne-excel.xlsx'));
    const dir = tempDir();
    let n = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      fc.option(fc.nat({ max: good.length }), { nil: undefined }),
      async (flips, cut) => {
        const b = Buffer.from(good.subarray(0, cut ?? good.length));
        for (const [at, v] of flips) if (at < b.length) b[at] = v;
        const sub = join(dir, `f${n++}`);
        const { mkdirSync } = await import('node:fs');
        mkdirSync(sub);
        const input = join(sub, 'in.xlsx');
        writeFileSync(input, b);
        try {
          await scanFile({ input, lang: 'en', asOf: '2026-11-23' });
        } catch (e) {
          expect((e as { name?: string }).name).toBe('AuditError');
          expect(files(sub)).toEqual(['in.xlsx']);
        }
      },
    ), { numRuns: 60 });
  });
});
