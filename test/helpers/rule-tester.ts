/**
 * A RuleTester in the spirit of ESLint's: each rule gets a table of valid rows (the rule stays silent)
 * and invalid rows (it reports, with the given messages/fields). Rows run through the real engine
 * (mapping, classification) with only the rule under test enabled.
 */
import { describe, expect, it } from 'vitest';
import { AuditEngine, type EngineOptions } from '../../src/engine.js';
import type { Rule } from '../../src/rules/types.js';
import { parseDate } from '../../src/read/values.js';
import type { Channel } from '../../src/types.js';
import type { Config } from '../../src/config.js';

export interface RuleCase {
  /** What the case shows, used as the test name. */
  name: string;
  /** Column name → value. Column names go through the real alias mapping. */
  row: Record<string, string>;
  for?: Channel[];
  asOf?: string;
  electionDate?: string;
  config?: Config;
  mode?: 'scan' | 'purge';
}

export interface InvalidCase extends RuleCase {
  /** Expected findings of this rule, in order: message id (without prefix) and optionally field. */
  errors: { message: string; field?: string }[];
  /** Expected row fate. */
  dropped?: boolean;
  /** Expected output values after scrubbing (column → value), or column names absent from the output. */
  output?: Record<string, string>;
  removedColumns?: string[];
}

export const DEFAULT_AS_OF = '2026-11-23';

export function runRule(rule: Rule, c: RuleCase) {
  const header = Object.keys(c.row);
  const opts: EngineOptions = {
    rules: [rule],
    asOf: parseDate(c.asOf ?? DEFAULT_AS_OF) as number,
    electionDate: c.electionDate ? (parseDate(c.electionDate) as number) : undefined,
    for: c.for,
    config: c.config,
    mode: c.mode,
  };
  const engine = new AuditEngine(header, opts);
  const cells = header.map((h) => c.row[h]);
  // A file-level rule (checkFile) sees the file as scanFile shows it: sampled on its rows, on the header line.
  const fileFindings = rule.checkFile ? (engine.sample([cells]), engine.fileFindings(1)) : [];
  const result = engine.processRow(cells, 2);
  return { engine, result, findings: [...fileFindings, ...result.findings].filter((f) => f.rule === rule.id) };
}

export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    it('has at least one valid and one invalid case', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const { findings } = runRule(rule, c);
        expect(findings.map((f) => f.message.id)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const { engine, result, findings } = runRule(rule, c);
        expect(findings.map((f) => ({ message: f.message.id.replace(`rule.${rule.id}.`, ''), ...(c.errors.some((e) => e.field) ? { field: f.field } : {}) }))).toEqual(
          c.errors.map((e) => ({ message: e.message, ...(c.errors.some((x) => x.field) ? { field: e.field } : {}) })),
        );
        for (const m of c.errors) expect(rule.messages).toContain(m.message);
        if (c.dropped !== undefined) expect(result.dropped).toBe(c.dropped);
        if (c.removedColumns) expect(engine.removedColumns).toEqual(c.removedColumns);
        if (c.output) {
          expect(result.output).not.toBeNull();
          for (const [col, v] of Object.entries(c.output)) {
            expect(result.output![engine.outputHeader.indexOf(col)]).toBe(v);
          }
        }
      });
    }
  });
}
