/**
 * The shipped JSON Schemas (SPEC §6, §7): generated from the zod schemas, so the checked-in files must
 * equal what the generator writes now (`npm run schemas` regenerates them); and every report the tool
 * produces must validate against schema/report.schema.json.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas, schemaText } from '../src/report/schema.js';
import { renderReport } from '../src/report/index.js';
import { scanFile } from '../src/scan.js';
import { validateConfig } from '../src/config.js';
import { assertValidConfig, assertValidReport, assertValidReportSet, CONFIG_SCHEMA_PATH, REPORT_SCHEMA_PATH, REPORT_SET_SCHEMA_PATH } from './helpers/report-schema.js';
import { sampleReport } from './helpers/sample-report.js';
import { FIXTURES, ROOT, cli, tempDir } from './helpers/cli.js';

describe('schema/*.schema.json are up to date', () => {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    it(`schema/${name} equals the generated schema (run "npm run schemas" if not)`, () => {
      const path = join(ROOT, 'schema', name);
      expect(readFileSync(path, 'utf8'), `schema/${name} is stale: run npm run schemas and commit it`).toBe(schemaText(schema));
    });
  }

  it('the paths the tests validate against are the shipped files', () => {
    expect(REPORT_SCHEMA_PATH).toBe(join(ROOT, 'schema', 'report.schema.json'));
    expect(CONFIG_SCHEMA_PATH).toBe(join(ROOT, 'schema', 'config.schema.json'));
    expect(REPORT_SET_SCHEMA_PATH).toBe(join(ROOT, 'schema', 'report-set.schema.json'));
  });
});

describe('report schema', () => {
  it('accepts the sample report, with and without the optional parts', () => {
    assertValidReport(sampleReport());
    const r = sampleReport();
    delete r.summary.lastContactAges;
    delete r.options.retention;
    assertValidReport(r);
    assertValidReport(sampleReport({ command: 'purge', purge: { byReason: { 'retention-expired': 2 }, byCategory: { voter: 2 }, retention: { voter: { duration: '0d', basis: 'default', messageId: 'purge.retention.default.voter', params: {} } } } }));
  });

  it('rejects a report that drifted from the type: unknown key, missing key, wrong value', () => {
    expect(() => assertValidReport({ ...sampleReport(), extra: 1 })).toThrow(/additional/);
    const { truncated: _t, ...missing } = sampleReport();
    expect(() => assertValidReport(missing)).toThrow(/truncated/);
    const bad = sampleReport();
    bad.findings[0] = { ...bad.findings[0], severity: 'fatal' as never };
    expect(() => assertValidReport(bad)).toThrow(/severity/);
    const short = sampleReport();
    short.summary.lastContactAges!.months.pop();
    expect(() => assertValidReport(short)).toThrow(/months/);
  });

  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.csv'));
  for (const name of fixtures) {
    it(`validates the report of a scan of ${name}, as an object and as written JSON`, async () => {
      for (const lang of ['en', 'fr'] as const) {
        const { report } = await scanFile({ input: join(FIXTURES, name), dryRun: true, for: ['email', 'sms'], asOf: '2026-11-23', lang });
        assertValidReport(report);
        assertValidReport([...(await renderReport('json', report, lang))].join(''));
      }
    });
  }
});

describe('report set schema (several inputs, one JSON object)', () => {
  const inputs = ['nationbuilder-people.csv', 'mailchimp-audience.csv', 'fichier-militants-excel.csv'];

  it('validates what the real binary prints and writes for several inputs: scan, with an unreadable input, purge; in both languages', () => {
    const dir = tempDir(...inputs);
    const runs: [string[], number][] = [
      [['scan', ...inputs, '--as-of', '2026-11-23', '--for', 'email,sms', '--format', 'json', '--dry-run'], 1],
      [['scan', ...inputs, 'missing.csv', '--as-of', '2026-11-23', '--format', 'json', '--dry-run', '--max-warnings', '3', '--lang', 'fr'], 2],
      [['scan', ...inputs, '--as-of', '2026-11-23', '--fail-on', 'never', '--format', 'json', '--dry-run'], 0],
      [['purge', ...inputs, '--as-of', '2026-11-23', '--format', 'json', '--dry-run', '--lang', 'fr'], 0],
    ];
    for (const [args, code] of runs) {
      const r = cli(args, { cwd: dir });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      assertValidReportSet(r.stdout);
      const doc = JSON.parse(r.stdout);
      expect(doc.verdict.exitCode).toBe(code);
      expect(doc.files).toHaveLength(inputs.length);
      expect(doc.summary.files).toBe(inputs.length);
    }
    // -r x.json with several inputs writes the same object.
    const w = cli(['scan', ...inputs, '--as-of', '2026-11-23', '--dry-run', '-r', 'all.json', '--quiet'], { cwd: dir });
    expect(w.code).toBe(1);
    assertValidReportSet(readFileSync(join(dir, 'all.json'), 'utf8'));
  });

  it('rejects a drifted object: an unknown key, a bad exit code, a file that is not a report', () => {
    const dir = tempDir(...inputs.slice(0, 2));
    const r = cli(['scan', ...inputs.slice(0, 2), '--as-of', '2026-11-23', '--format', 'json', '--dry-run'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    assertValidReportSet(JSON.stringify(doc));
    expect(() => assertValidReportSet(JSON.stringify({ ...doc, extra: 1 }))).toThrow(/additional/);
    expect(() => assertValidReportSet(JSON.stringify({ ...doc, verdict: { ...doc.verdict, exitCode: 3 } }))).toThrow(/exitCode/);
    expect(() => assertValidReportSet(JSON.stringify({ ...doc, files: [{ ...doc.files[0], findings: 'none' }] }))).toThrow(/findings/);
  });
});

describe('config schema', () => {
  it('accepts what zod accepts and rejects what zod rejects', () => {
    const good = {
      $schema: './schema/config.schema.json',
      mapping: { email: 'Courriel', last_contact_at: 'Dernier contact' },
      retention: { regular_contact: '36m', occasional_contact: '2m' },
      rules: { 'invalid-date': 'off', 'malformed-row': 'warning' },
      for: ['email'],
      lang: 'fr',
    };
    validateConfig(good);
    assertValidConfig(good);
    for (const bad of [{ retention: { regular_contact: 'three years' } }, { mapping: { mail: 'x' } }, { lang: 'de' }, { unknown: true }, { rules: { 'no-such-rule': 'off' } }]) {
      expect(() => assertValidConfig(bad), JSON.stringify(bad)).toThrow();
    }
    expect(() => validateConfig({ retention: { regular_contact: 'three years' } })).toThrow();
  });

  it('lists the keys editors complete: mapping fields, categories and every rule, with its title', () => {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8'));
    expect(Object.keys(schema.properties.mapping.properties)).toContain('last_contact_at');
    expect(Object.keys(schema.properties.retention.properties)).toContain('regular_contact');
    expect(schema.properties.rules.properties['malformed-row'].description).toMatch(/Malformed row \(default: error\)/);
  });
});
