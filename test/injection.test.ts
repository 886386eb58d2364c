/**
 * Injection through names (issue #16 item 8): a header with a bare CR and a formula after it, or ANSI
 * escapes in a header or a file name, reach neither the terminal nor a report for people raw.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-inject-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ESC = '\u001b';
const HEADER_CR = "cookie\r=cmd|' /C calc'!A0";
const HEADER_ESC = `Opinion${ESC}[2J${ESC}[32mAll rows OK`;
const FILE = `in${ESC}[31m.csv`;

describe('control characters in names', () => {
  const dir = mkdtempSync(join(root, 'case-'));
  writeFileSync(join(dir, FILE), `email;nom;source;"${HEADER_CR}";"${HEADER_ESC}"\na@example.org;Dupont;Adhésion;x;gauche\n`);
  const r = cli(['scan', FILE, '--lang', 'en', '-r', 'r.csv', '-r', 'r.md', '-r', 'r.json', '-o', 'out.csv'], { cwd: dir, env: { FORCE_COLOR: '0' } });

  it('the terminal summary shows them escaped', () => {
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout).toContain('in\\u001b[31m.csv');
    expect(r.stdout).toContain('cookie\\r=cmd');
  });

  it('the findings CSV keeps one row per finding, none starting with a formula', () => {
    const text = readFileSync(join(dir, 'r.csv'), 'utf8');
    expect(text).not.toContain(ESC);
    // A reader that splits rows on a bare CR, as the spreadsheet did.
    for (const line of text.split(/\r\n?/)) expect(line).not.toMatch(/^[=+\-@]/);
    expect(text).toContain('cookie\\r=cmd');
    const rows = parse(text, { bom: true }) as string[][];
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { findings: unknown[] };
    expect(rows).toHaveLength(json.findings.length + 1);
    expect(new Set(rows.map((row) => row.length)).size).toBe(1);
  });

  it('the Markdown report has no raw control character', () => {
    const text = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

// The HTML report (issue #16 audit N16): it escaped markup only, and kept ESC, BEL, C1 and CR raw.
describe('control characters in the HTML reports', () => {
  const dir = mkdtempSync(join(root, 'html-'));
  const C1 = '\u009b31m\u0085';
  const headers = ['email', 'nom', 'source', `"${HEADER_CR}"`, `"${HEADER_ESC}"`, `"religion\u0007bell"`, `"segment${C1}next\u2028ls"`];
  writeFileSync(join(dir, FILE), `${headers.join(';')}\na@example.org;Dupont;Adhésion;x;gauche;x;y\nb@example.org;Durand;achat de fichier;x;droite;x;y\n`);
  writeFileSync(join(dir, 'b.csv'), `${headers.join(';')}\nc@example.org;Martin;Adhésion;x;gauche;x;y\n`);
  const one = cli(['scan', FILE, '--lang', 'en', '-r', 'r.html', '-o', 'out.csv', '--show-values'], { cwd: dir, env: { FORCE_COLOR: '0' } });
  const two = cli(['scan', FILE, 'b.csv', '--lang', 'en', '-r', 'all.html', '--out-dir', 'out'], { cwd: dir, env: { FORCE_COLOR: '0' } });
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

  for (const [name, file, r] of [['one input', 'r.html', one], ['several inputs (combined)', 'all.html', two]] as const) {
    it(`${name}: no raw control character, the names shown escaped`, () => {
      expect(r.code, r.stderr).toBe(1);
      const html = readFileSync(join(dir, file), 'utf8');
      expect(html).not.toMatch(RAW);
      expect(html).toContain('in\\u001b[31m.csv');
    });
  }

  it('the header names are shown escaped, like in the Markdown report', () => {
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('Opinion\\u001b[2J\\u001b[32mAll rows OK');
    expect(html).toContain('cookie\\r=cmd');
    expect(html).toContain('religion\\u0007bell');
  });
});
