/**
 * Validates reports against the shipped `schema/report.schema.json` (SPEC §7). Any test that produces a
 * report can call `assertValidReport(report)`: a report the schema rejects fails the test, with ajv's
 * errors (path and reason) in the message.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { rulesDocument } from '../../src/report/json.js';
import { findingMessage } from '../../src/report/wording.js';
import type { ReportDocument } from '../../src/report/model.js';

export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url));
export const REPORT_SET_SCHEMA_PATH = fileURLToPath(new URL('../../schema/report-set.schema.json', import.meta.url));
export const CONFIG_SCHEMA_PATH = fileURLToPath(new URL('../../schema/config.schema.json', import.meta.url));

const validators = new Map<string, ValidateFunction>();

/** A compiled validator for a schema file (compiled once per file). */
export function validatorFor(path: string): ValidateFunction {
  let v = validators.get(path);
  if (!v) {
    // Formats are checked by the schemas' own patterns; ajv's format plugins are not needed.
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false });
    v = ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
    validators.set(path, v);
  }
  return v;
}

function check(path: string, what: string, value: unknown): void {
  const validate = validatorFor(path);
  // Validate the JSON form: what a consumer of the written file sees (undefined keys vanish).
  if (!validate(JSON.parse(JSON.stringify(value)))) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
    throw new Error(`${what} does not match ${path}:\n  ${errors.join('\n  ')}`);
  }
}

/**
 * A core report as its JSON document holds it (what src/report/json.ts writes): each rule's title and
 * each finding's message worded in the report's language.
 */
export function reportDocument(report: ReportDocument): unknown {
  const lang = report.options?.lang ?? 'en';
  return {
    ...report,
    rules: report.rules && rulesDocument(report, lang),
    findings: Array.isArray(report.findings) ? report.findings.map((f) => ({ ...f, message: findingMessage(lang, f) })) : report.findings,
  };
}

/**
 * Throws when `report` does not match schema/report.schema.json: its JSON text as written, or a core
 * report object (`scanFile`'s), checked as the JSON document it gives.
 */
export function assertValidReport(report: unknown): void {
  check(REPORT_SCHEMA_PATH, 'report', typeof report === 'string' ? JSON.parse(report) : reportDocument(report as ReportDocument));
}

/** Throws when `json` (the text `--format json` prints for several inputs) does not match schema/report-set.schema.json. */
export function assertValidReportSet(json: string): void {
  check(REPORT_SET_SCHEMA_PATH, 'report set', JSON.parse(json));
}

/** Throws when `config` does not match schema/config.schema.json. */
export function assertValidConfig(config: unknown): void {
  check(CONFIG_SCHEMA_PATH, 'config', typeof config === 'string' ? JSON.parse(config) : config);
}
