/**
 * Validates reports against the shipped `schema/report.schema.json` (SPEC §7). Any test that produces a
 * report can call `assertValidReport(report)`: a report the schema rejects fails the test, with ajv's
 * errors (path and reason) in the message.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url));
export const CONFIG_SCHEMA_PATH = fileURLToPath(new URL('../../schema/config.schema.json', import.meta.url));

const validators = new Map<string, ValidateFunction>();

/** A compiled validator for a schema file (compiled once per file). */
export function validatorFor(path: string): ValidateFunction {
  let v = validators.get(path);
  if (!v) {
    // Formats are checked by the schemas' own patterns; ajv's format plugins are not needed.
    const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
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

/** Throws when `report` (an object or its JSON text) does not match schema/report.schema.json. */
export function assertValidReport(report: unknown): void {
  check(REPORT_SCHEMA_PATH, 'report', typeof report === 'string' ? JSON.parse(report) : report);
}

/** Throws when `config` does not match schema/config.schema.json. */
export function assertValidConfig(config: unknown): void {
  check(CONFIG_SCHEMA_PATH, 'config', typeof config === 'string' ? JSON.parse(config) : config);
}
