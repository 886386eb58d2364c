import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvChunks, csvDelimiter, CSV_COLUMNS } from '../src/report/csv.js';
import { neutraliseFormula } from '../src/report/shared.js';
import { scanFile } from '../src/scan.js';
import { FORMULA_ID, sampleReport, XSS_ID } from './helpers/sample-report.js';
import { assertValidReport } from './helpers/report-schema.js';
import type { Lang } from '../src/types.js';

const csv = (lang: Lang = 'en', r = sampleReport()) => [...csvChunks(r, lang)].join('');
const rows = (text: string, lang: Lang) => parse(text, { bom: true, delimiter: csvDelimiter(lang), relax_column_count: false }) as string[][];

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+33 6 00 00 00 00', '-2', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with an apostrophe', (v) => {
    expect(neutraliseFormula(v)).toBe(`'${v}`);
  });

  it.each(['1001', 'a=b', 'retention expired', '', "'=already"])('leaves %j alone', (v) => {
    expect(neutraliseFormula(v)).toBe(v);
  });
});

describe('CSV findings report', () => {
  it('is UTF-8 with a BOM and CRLF, for Excel', () => {
    const text = csv();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n').length).toBe(sampleReport().findings.length + 2);
    // The only bare LF is the one inside a quoted message.
    expect(text.split('\n').length).toBe(sampleReport().findings.length + 3);
  });

  it('has one row per finding, with a header, in the list separator of the language', () => {
    for (const lang of ['en', 'fr'] as const) {
      const [header, ...body] = rows(csv(lang), lang);
      expect(header).toHaveLength(CSV_COLUMNS.length);
      expect(body).toHaveLength(sampleReport().findings.length);
    }
    expect(rows(csv('en'), 'en')[0]).toEqual(['line', 'id', 'rule', 'title', 'severity', 'action', 'field', 'message', 'value', 'sources']);
    expect(rows(csv('fr'), 'fr')[0][0]).toBe('ligne');
    expect(csv('fr').split('\r\n')[0]).toContain(';');
  });

  it('keeps the data of each finding: line, id, rule, wording, references', () => {
    const [, first] = rows(csv(), 'en');
    expect(first).toEqual([
      '2',
      '1001',
      'retention-expired',
      expect.any(String),
      'error',
      'row dropped',
      // The field as the file names it (the JSON keeps the code).
      'dernier contact',
      'retention over (category regular contact): kept 3 years after dernier contact (2022-05-14), so until 2025-05-14',
      '',
      'RGPD art. 5.1.e <https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679> ; CNIL, délibération 2012-021 (NS 34) <https://www.legifrance.gouv.fr/cnil/id/CNILTEXT000025284421>',
    ]);
    // The message keeps its line break inside quotes; the row count above proves the quoting holds.
    expect(rows(csv(), 'en')[4][7]).toBe('retention cannot be decided (category unknown): none of collected_at | no date\nat all holds a readable date');
  });

  it('neutralises formula-like values from the input', () => {
    const body = rows(csv(), 'en').slice(1);
    const ids = body.map((r) => r[1]);
    expect(ids).toContain(`'${FORMULA_ID}`);
    expect(ids).toContain("'@SUM(1+1)");
    expect(ids).toContain(XSS_ID);
    expect(body.map((r) => r[8])).toContain("'-2+3");
    for (const r of body) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('has only a header when there is no finding', () => {
    expect(rows(csv('en', sampleReport({ findings: [] })), 'en')).toHaveLength(1);
  });
});

describe('formula-like values through a real scan', () => {
  it('stay as they are in the cleaned file and are neutralised in the CSV report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnil-audit-csv-'));
    try {
      const input = join(dir, 'in.csv');
      writeFileSync(input, 'id,email,source,consentement email,date de collecte\n=1+1,a@exemple.fr,formulaire site web,oui,2026-13-45\n');
      const { report } = await scanFile({
        input,
        out: join(dir, 'clean.csv'),
        reports: [join(dir, 'r.csv'), join(dir, 'r.json')],
        asOf: '2026-11-23',
        lang: 'en',
      });
      assertValidReport(readFileSync(join(dir, 'r.json'), 'utf8'));
      expect(readFileSync(join(dir, 'clean.csv'), 'utf8')).toContain('=1+1,a@exemple.fr');
      expect(report.findings.some((f) => f.id === '=1+1')).toBe(true);
      const body = rows(readFileSync(join(dir, 'r.csv'), 'utf8'), 'en').slice(1);
      expect(body.length).toBe(report.findings.length);
      for (const r of body) expect(r[1]).toBe("'=1+1");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
