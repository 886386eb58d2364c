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
