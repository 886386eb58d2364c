/**
 * Property tests of issue #16's attacks, through the CLI in-process: encodings that change after the
 * 64 KiB sample, control characters in headers, and malformed rows whose fields are shifted. Whatever
 * the input: exit 0, 1 or 2; nothing written on 2; the cleaned file in the encoding the report names;
 * no control character on the terminal or in a report for people; no personal value in any report.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { run } from '../../src/cli/main.js';
import { fuzzParams, fuzzTimeout } from './arbitraries.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-fuzz-safety-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const REPORTS = ['r.json', 'r.csv', 'r.md', 'r.html'];

async function cli(input: Uint8Array, extra: string[] = []) {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  writeFileSync(join(dir, 'in.csv'), input);
  let stdout = '';
  let stderr = '';
  const code = await run(['scan', 'in.csv', '-o', 'clean.csv', ...REPORTS.flatMap((r) => ['-r', r]), '--as-of', '2026-11-23', '--lang', 'en', ...extra], {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
    env: {},
    cwd: dir,
  });
  const files = readdirSync(dir).sort();
  const read = (f: string) => readFileSync(join(dir, f));
  return { code, stdout, stderr, files, read };
}

const HEAD = 'email;nom;source;date de collecte\n';
/** ASCII rows past the sample. */
const PAST_SAMPLE = Array.from({ length: 1800 }, (_, i) => `c${i}@example.org;Dupont;Adhesion;05/03/2024\n`).join('');
const ACCENTED = ['Hélène', 'Zoé', 'François', 'Cœur', 'Noël', 'Béatrice', 'Jérôme'];

type Part = { enc: 'ascii' | 'utf-8' | 'windows-1252'; nul: boolean };
const partArb: fc.Arbitrary<Part> = fc.record({ enc: fc.constantFrom<Part['enc']>('ascii', 'utf-8', 'windows-1252'), nul: fc.boolean() }, { requiredKeys: ['enc', 'nul'] });

function bytesOf(part: Part, name: string): Buffer {
  const row = `x@example.org;${part.enc === 'ascii' ? 'Dupont' : name}${part.nul ? '\0' : ''};Adhésion;05/03/2024\n`;
  if (part.enc === 'windows-1252') return iconv.encode(row, 'windows-1252');
  return Buffer.from(part.enc === 'ascii' ? row.replace('Adhésion', 'Adhesion') : row, 'utf8');
}

describe('encodings past the sample', () => {
  it('a change after 64 KiB is kept on output or refused; never silent mojibake', { timeout: fuzzTimeout(24, 1500) }, async () => {
    await fc.assert(
      fc.asyncProperty(partArb, partArb, fc.constantFrom(...ACCENTED), async (early, late, name) => {
        const input = Buffer.concat([Buffer.from(HEAD), bytesOf(early, name), Buffer.from(PAST_SAMPLE), bytesOf(late, name)]);
        const o = await cli(input, ['--format', 'none']);
        const mixed = (early.enc === 'utf-8' && late.enc === 'windows-1252') || (early.enc === 'windows-1252' && late.enc === 'utf-8');
        if (early.nul || late.nul || mixed) {
          expect(o.code).toBe(2);
          expect(o.files).toEqual(['in.csv']);
          return;
        }
        expect([0, 1]).toContain(o.code);
        const report = JSON.parse(o.read('r.json').toString('utf8'));
        const expected = early.enc === 'windows-1252' || late.enc === 'windows-1252' ? 'windows-1252' : 'utf-8';
        expect(report.input.encoding).toBe(expected);
        expect(report.output.encoding).toBe(expected);
        // The last row, as the input had it, byte for byte.
        const last = bytesOf(late, name);
        const clean = o.read('clean.csv');
        expect(clean.subarray(clean.length - last.length)).toEqual(last);
      }),
      fuzzParams(24),
    );
  });
});

/** Characters a header or a value may carry that must never reach a terminal or a report raw. */
const CONTROL = ['\u001b[2J', '\u001b[32m', '\r', '\u0007', '\u0008', '\u009b', '\u0085', '\u007f', '\u0000', '\u2028'];
const headerArb = fc.array(fc.oneof(fc.constantFrom(...CONTROL), fc.constantFrom('a', 'Opinion', ' ', '=cmd', 'email', 'x')), { minLength: 1, maxLength: 5 }).map((p) => p.join(''));

describe('control characters in headers', () => {
  it('never reach the terminal, the CSV, the Markdown or the HTML report raw', { timeout: fuzzTimeout(30, 1000) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(headerArb, { minLength: 1, maxLength: 3 }), async (extra) => {
        const header = ['email', 'nom', 'source', ...extra].map((h) => `"${h.replace(/"/g, '""')}"`).join(';');
        const row = ['a@example.org', 'Dupont', 'Adhésion', ...extra.map(() => 'x')].join(';');
        const o = await cli(Buffer.from(`${header}\n${row}\n`), ['--format', 'text']);
        expect([0, 1, 2]).toContain(o.code);
        // Only line breaks between lines; no colour asked for (not a TTY).
        expect(o.stdout + o.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        if (o.code === 2) return;
        expect(o.read('r.md').toString('utf8')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        // HTML (issue #16 audit N16): LF and tab are its whitespace; nothing else below U+0020, no C1.
        expect(o.read('r.html').toString('utf8')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
        // CSV: CRLF ends rows; no other control character, and no row starts with a formula.
        const csv = o.read('r.csv').toString('utf8');
        expect(csv.replace(/\r\n/g, '').replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        for (const line of csv.split(/\r\n?|\n/)) expect(line).not.toMatch(/^[=+\-@]/);
      }),
      fuzzParams(30),
    );
  });
});

describe('shifted malformed rows', () => {
  it('leave no personal value in any report, with or without --show-values', { timeout: fuzzTimeout(30, 1500) }, async () => {
    // Fields dropped from the start and added at the end: a wrong field count (a shift that keeps the
    // count is not detectable as one, and is not a malformed row).
    const rowArb = fc.record({ drop: fc.integer({ min: 0, max: 5 }), add: fc.integer({ min: 0, max: 2 }), k: fc.integer({ min: 0, max: 999 }) }).filter((r) => r.drop !== r.add);
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 6 }), fc.boolean(), async (rows, showValues) => {
        const secrets: string[] = [];
        const lines = rows.map(({ drop, add, k }, i) => {
          const s = `zq${i}v${k}`;
          secrets.push(`${s}mail`, `${s}nom`, `${s}rue`, `06 1${i} ${String(k).padStart(3, '0')} 77 66`);
          const cells = [`id${i}`, `${s}mail@exemple.fr`, `${s}nom`, `06 1${i} ${String(k).padStart(3, '0')} 77 66`, `12 ${s}rue des Lilas`, 'Adhésion', '05/03/2024'];
          return [...cells.slice(drop), ...Array.from({ length: add }, () => `${s}nom`)].join(';');
        });
        const o = await cli(Buffer.from(`id;email;nom;téléphone;adresse;source;date de collecte\n${lines.join('\n')}\n`), ['--format', 'json', ...(showValues ? ['--show-values'] : [])]);
        expect([0, 1, 2]).toContain(o.code);
        const texts = [o.stdout, o.stderr, ...(o.code === 2 ? [] : REPORTS.map((r) => o.read(r).toString('utf8')))];
        for (const t of texts) for (const secret of secrets) expect(t).not.toContain(secret);
      }),
      fuzzParams(30),
    );
  });
});

// An id column holding personal data (issue #16 audit N11): only ids shaped like a key a tool makes
// are copied into findings (src/mask.ts isCarriedId); a phone, a name, an e-mail or a date is not.
describe('ids that are personal data', () => {
  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
  const sep = fc.constantFrom(' ', '.', '-', '');
  const phone = fc.oneof(
    fc.tuple(fc.constantFrom('06', '07', '01', '09'), digits(8), sep).map(([p, d, s]) => [p, d.slice(0, 2), d.slice(2, 4), d.slice(4, 6), d.slice(6)].join(s)),
    fc.tuple(fc.constantFrom('+33 6', '+336', '0033 7', '+33 (0)6'), digits(8)).map(([p, d]) => `${p}${d}`),
    fc.tuple(fc.constantFrom('6', '7'), digits(8)).map(([p, d]) => p + d), // Excel dropped the 0
    fc.tuple(fc.constantFrom('+1 ', '+44 ', '+49'), digits(10)).map(([p, d]) => p + d),
  );
  const word = fc.tuple(fc.constantFrom('J', 'M', 'É', 'L'), fc.constantFrom('ean', 'arie', 'lodie', 'ucas', 'ecretdupont')).map(([a, b]) => a + b);
  const name = fc.oneof(
    fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
    fc.tuple(word, word).map(([a, b]) => `${a}-${b}`),
    word,
    fc.tuple(word, digits(2)).map(([w, d]) => `${d} rue ${w}`),
  );
  const email = fc.tuple(word, digits(3)).map(([w, d]) => `${w.toLowerCase()}${d}@exemple.fr`);
  const date = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1940, max: 2008 }))
    .chain(([d, m, y]) => fc.constantFrom(`${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`, `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
  const personal = fc.oneof(phone, name, email, date);
  const key = fc.oneof(
    fc.integer({ min: 1, max: 99_999_999 }).map(String),
    fc.uuid(),
    fc.tuple(fc.constantFrom('NB-', 'c', 'crm_', 'A1'), digits(5)).map(([p, d]) => p + d),
  );

  it('a phone, a name, an e-mail or a date in the id column is in no report; a key is', { timeout: fuzzTimeout(30, 1500) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), personal, key), { minLength: 1, maxLength: 6 }), fc.boolean(), async (rows, showValues) => {
        const secrets: string[] = [];
        const keys: string[] = [];
        // Each row has a finding (a bought list), so its id would be in the reports if carried.
        const lines = rows.map(([isKey, p, k], i) => {
          const id = isKey ? `${k}x${i}` : p;
          (isKey ? keys : secrets).push(id);
          return [id, `r${i}@exemple.fr`, 'achat de fichier', '05/03/2024'].map((c) => `"${c}"`).join(';');
        });
        const o = await cli(Buffer.from(`id;email;source;date de collecte\n${lines.join('\n')}\n`), ['--format', 'json', ...(showValues ? ['--show-values'] : [])]);
        expect(o.code).toBe(1);
        const texts = [o.stdout, o.stderr, ...REPORTS.map((r) => o.read(r).toString('utf8'))];
        for (const t of texts) for (const secret of secrets) expect(t).not.toContain(JSON.stringify(secret).slice(1, -1));
        // The property is not vacuous: identifier-shaped ids still reach the findings.
        const ids = JSON.parse(o.read('r.json').toString('utf8')).findings.map((f: { id?: string }) => f.id).filter(Boolean);
        for (const k of keys) expect(ids).toContain(k);
      }),
      fuzzParams(30),
    );
  });
});
