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
import { assertValidConfig, assertValidReport, CONFIG_SCHEMA_PATH, REPORT_SCHEMA_PATH } from './helpers/report-schema.js';
import { sampleReport } from './helpers/sample-report.js';
import { FIXTURES, ROOT } from './helpers/cli.js';

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
