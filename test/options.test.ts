/**
 * The run's options, normalised once (issue #16, src/options.ts): every option's valid and invalid
 * values, and the same error for the same bad value whether the CLI or a library caller gives it.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeOptions, type RawOptions, type RunOptions } from '../src/options.js';
import { planScan, scanFile, type ScanOptions } from '../src/scan.js';
import { isAuditError, type AuditError } from '../src/errors.js';
import { errorText } from '../src/i18n/index.js';
import { parseDate } from '../src/read/values.js';
import { run } from '../src/cli/main.js';
import { thrown } from './helpers/errors.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-options-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NOW = () => Date.UTC(2026, 10, 23, 12);
const day = (s: string) => parseDate(s) as number;

describe('normalizeOptions: valid values', () => {
  const cases: [string, RawOptions, Partial<RunOptions>][] = [
    ['nothing given: the defaults', {}, { lang: 'en', failOn: 'error', asOf: day('2026-11-23'), for: undefined, map: undefined, output: { encoding: undefined, bom: false, delimiter: undefined } }],
    ['--as-of ISO', { asOf: '2026-03-01' }, { asOf: day('2026-03-01') }],
    ['--as-of French', { asOf: '01/03/2026' }, { asOf: day('2026-03-01') }],
    ['--election-date', { electionDate: '2027-03-15' }, { electionDate: day('2027-03-15') }],
    ['--encoding by another name', { encoding: 'UTF8' }, { encoding: 'utf-8' }],
    ['--encoding cp1252', { encoding: 'cp1252' }, { encoding: 'windows-1252' }],
    ['--output-encoding utf-8-bom', { outputEncoding: 'utf-8-bom' }, { output: { encoding: 'utf-8', bom: true, delimiter: undefined } }],
    ['--output-encoding "UTF-8 with BOM"', { outputEncoding: 'UTF-8 with BOM' }, { output: { encoding: 'utf-8', bom: true, delimiter: undefined } }],
    ['--output-encoding utf16le', { outputEncoding: 'utf16le' }, { output: { encoding: 'utf-16le', bom: false, delimiter: undefined } }],
    ['--delimiter tab', { delimiter: 'tab' }, { delimiter: '\t' }],
    ['--delimiter ;', { delimiter: ';' }, { delimiter: ';' }],
    ['--output-delimiter semicolon', { outputDelimiter: 'semicolon' }, { output: { encoding: undefined, bom: false, delimiter: ';' } }],
    ['--max-input-bytes 500M', { maxInputBytes: '500M' }, { maxInputBytes: 500_000_000 }],
    ['--max-input-bytes 20G', { maxInputBytes: '20G' }, { maxInputBytes: 20_000_000_000 }],
    ['maxInputBytes as a number', { maxInputBytes: 1000 }, { maxInputBytes: 1000 }],
    ['--for, commas, case and repeats', { for: ['email,SMS', 'sms'] }, { for: ['email', 'sms'] }],
    ['--for with a dash', { for: ['automated-call'] }, { for: ['automated_call'] }],
    ['--fail-on warning', { failOn: 'warning' }, { failOn: 'warning' }],
    ['--header-row "2"', { headerRow: '2' }, { headerRow: 2 }],
    ['headerRow as a number', { headerRow: 3 }, { headerRow: 3 }],
    ['--date-order mdy', { dateOrder: 'mdy' }, { dateOrder: 'mdy' }],
    ['--sheet as given', { sheet: 'Contacts 2026' }, { sheet: 'Contacts 2026' }],
    ['--map', { map: ['email = Courriel', 'phone=Tél'] }, { map: { email: 'Courriel', phone: 'Tél' } }],
    ['no --map (CLI): an empty override', { map: [] }, { map: {} }],
    ['map as an object', { map: { email: 'Courriel' } }, { map: { email: 'Courriel' } }],
    ['--lang fr', { lang: 'fr' }, { lang: 'fr' }],
    [
      'the config gives the defaults',
      { config: { electionDate: '2027-03-15', secondRoundDate: '2027-03-22', headerRow: 2, dateOrder: 'mdy', for: ['sms'], lang: 'fr' } },
      { electionDate: day('2027-03-15'), secondRoundDate: day('2027-03-22'), headerRow: 2, dateOrder: 'mdy', for: ['sms'], lang: 'fr' },
    ],
    [
      'an option wins over the config',
      { electionDate: '2027-06-01', headerRow: '4', dateOrder: 'dmy', for: ['email'], lang: 'en', config: { electionDate: '2027-03-15', headerRow: 2, dateOrder: 'mdy', for: ['sms'], lang: 'fr' } },
      { electionDate: day('2027-06-01'), headerRow: 4, dateOrder: 'dmy', for: ['email'], lang: 'en' },
    ],
  ];
  for (const [name, raw, want] of cases) {
    it(name, () => {
      const got = normalizeOptions({ now: NOW, ...raw });
      expect(got).toMatchObject(want);
      expect(got.normalized).toBe(true);
      // Normalised once: given again, the same object.
      expect(normalizeOptions(got)).toBe(got);
    });
  }
});

describe('normalizeOptions: invalid values are stable AuditError codes', () => {
  const cases: [string, RawOptions, string, string | undefined][] = [
    ['--as-of month 13', { asOf: '2026-13-01' }, 'E_USAGE', 'date'],
    ['--as-of a word', { asOf: 'demain' }, 'E_USAGE', 'date'],
    ['--election-date', { electionDate: '31/02/2027' }, 'E_USAGE', 'date'],
    ['--encoding', { encoding: 'klingon' }, 'E_UNKNOWN_ENCODING', undefined],
    ['--output-encoding', { outputEncoding: 'bogus' }, 'E_UNKNOWN_ENCODING', undefined],
    ['--delimiter two characters', { delimiter: 'ab' }, 'E_USAGE', 'delimiter'],
    ['--delimiter a quote', { delimiter: '"' }, 'E_USAGE', 'delimiter'],
    ['--output-delimiter', { outputDelimiter: 'two' }, 'E_USAGE', 'outputDelimiter'],
    ['--max-input-bytes a word', { maxInputBytes: 'lots' }, 'E_USAGE', 'size'],
    ['--max-input-bytes 0', { maxInputBytes: '0' }, 'E_USAGE', 'size'],
    ['maxInputBytes negative', { maxInputBytes: -5 }, 'E_USAGE', 'size'],
    ['maxInputBytes not a number', { maxInputBytes: Number.NaN }, 'E_USAGE', 'size'],
    ['--for', { for: ['pigeon'] }, 'E_USAGE', 'forChannel'],
    ['--for one bad among good', { for: ['email,pigeon'] }, 'E_USAGE', 'forChannel'],
    ['--fail-on', { failOn: 'sometimes' }, 'E_USAGE', 'failOn'],
    ['--header-row 0', { headerRow: '0' }, 'E_USAGE', 'headerRow'],
    ['--header-row a word', { headerRow: 'two' }, 'E_USAGE', 'headerRow'],
    ['headerRow 1.5', { headerRow: 1.5 }, 'E_USAGE', 'headerRow'],
    ['--date-order', { dateOrder: 'ymd' }, 'E_USAGE', 'dateOrder'],
    ['--map without =', { map: ['email'] }, 'E_USAGE', 'map'],
    ['--map without a column', { map: ['email='] }, 'E_USAGE', 'map'],
    ['--lang', { lang: 'de' }, 'E_USAGE', 'lang'],
  ];
  for (const [name, raw, code, usage] of cases) {
    it(name, () => {
      const e = thrown(() => normalizeOptions(raw));
      expect(e.code).toBe(code);
      expect(e.params.usage).toBe(usage);
      // Worded in both languages, never the bare message id.
      for (const lang of ['en', 'fr'] as const) expect(errorText(lang, e.code, e.params)).not.toMatch(/usage\.|error\./);
    });
  }

  it('the first bad value in the documented order is the error', () => {
    expect(thrown(() => normalizeOptions({ asOf: 'x', encoding: 'klingon', for: ['pigeon'] })).params.usage).toBe('forChannel');
    expect(thrown(() => normalizeOptions({ asOf: 'x', encoding: 'klingon' })).params.usage).toBe('date');
  });
});

describe('the library and the CLI give the same error for the same bad value', () => {
  // [CLI flag, value typed, the library's field and value]
  const cases: [string, string, keyof ScanOptions, unknown][] = [
    ['--as-of', '2026-13-01', 'asOf', '2026-13-01'],
    ['--election-date', 'demain', 'electionDate', 'demain'],
    ['--encoding', 'klingon', 'encoding', 'klingon'],
    ['--output-encoding', 'bogus', 'outputEncoding', 'bogus'],
    ['--delimiter', 'two', 'delimiter', 'two'],
    ['--output-delimiter', 'two', 'outputDelimiter', 'two'],
    ['--max-input-bytes', '0', 'maxInputBytes', 0],
    ['--for', 'pigeon', 'for', ['pigeon']],
    ['--header-row', '0', 'headerRow', 0],
    ['--date-order', 'ymd', 'dateOrder', 'ymd'],
  ];
  for (const [flag, typed, field, value] of cases) {
    it(`${flag} ${typed}`, async () => {
      const dir = mkdtempSync(join(root, 'same-'));
      writeFileSync(join(dir, 'in.csv'), 'email,source\na@example.org,formulaire\n');
      const before = readdirSync(dir).sort();

      const lib = await scanFile({ input: join(dir, 'in.csv'), lang: 'en', [field]: value } as ScanOptions).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAuditError(lib)).toBe(true);
      const e = lib as AuditError;

      for (const command of ['scan', 'purge']) {
        let stderr = '';
        const io = { stdout: { write: () => true }, stderr: { write: (s: string) => ((stderr += s), true) }, env: {}, cwd: dir };
        const code = await run([command, 'in.csv', flag, typed, '--lang', 'en', '--format', 'none'], io);
        expect(code).toBe(2);
        // One line: the library's error, worded.
        expect(stderr).toBe(`cnil-audit: ${errorText('en', e.code, e.params)}\n`);
      }
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }

  it('a caller may normalise once and pass the result: the same report as with the raw options', async () => {
    const dir = mkdtempSync(join(root, 'once-'));
    writeFileSync(join(dir, 'in.csv'), 'email;source;optin sms\na@example.org;formulaire;oui\nb@example.org;;non\n');
    const raw = { asOf: '23/11/2026', for: ['sms' as const], delimiter: 'semicolon', outputDelimiter: 'comma', lang: 'fr' as const };
    const a = await scanFile({ input: join(dir, 'in.csv'), out: join(dir, 'a.csv'), noReport: true, now: NOW, ...raw });
    const options = normalizeOptions({ ...raw, now: NOW });
    const b = await scanFile({ input: join(dir, 'in.csv'), out: join(dir, 'b.csv'), noReport: true, now: NOW, options });
    expect(b.options).toBe(options);
    expect(a.options).toEqual(options);
    const strip = (r: typeof a.report) => ({ ...r, output: { ...r.output, path: null } });
    expect(strip(b.report)).toEqual(strip(a.report));
  });
});

describe('scanFile in phases: the plan reads no row and writes nothing', () => {
  it('planScan gives the options and the outputs, checked, before anything is read', () => {
    const dir = mkdtempSync(join(root, 'plan-'));
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'email\na@example.org\n');
    const plan = planScan({ input, asOf: '2026-11-23', outputEncoding: 'utf-8-bom' });
    expect(plan.options).toMatchObject({ asOf: day('2026-11-23'), output: { encoding: 'utf-8', bom: true } });
    expect(plan.cleanPath).toBe(join(dir, 'in.clean.csv'));
    expect(plan.reportPaths).toEqual([join(dir, 'in.report.json')]);
    expect(readdirSync(dir)).toEqual(['in.csv']);
    // An output over the input is refused by the plan; a bad option before the paths are looked at.
    expect(thrown(() => planScan({ input, out: input })).code).toBe('E_OUTPUT_IS_INPUT');
    expect(thrown(() => planScan({ input, out: input, asOf: 'x' })).code).toBe('E_USAGE');
  });
});
