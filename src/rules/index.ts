/**
 * The rule registry: every rule of SPEC §5, one file each, in the order they run and are listed.
 * Adding a rule: see CONTRIBUTING.md ("Adding a rule").
 */
import type { Rule } from './types.js';
import malformedRow from './malformed-row.js';
import invalidDate from './invalid-date.js';
// --- source, consent and channel rules (imports) ---
// --- end source, consent and channel rules (imports) ---
// --- data-content and retention rules (imports) ---
// --- end data-content and retention rules (imports) ---

export const rules: readonly Rule[] = [
  malformedRow,
  // --- source, consent and channel rules ---
  // --- end source, consent and channel rules ---
  // --- data-content and retention rules ---
  // --- end data-content and retention rules ---
  invalidDate,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));

export type { Rule, RuleMeta, RuleReport, RowContext, Classification, HeaderPlan, RuleSettings } from './types.js';
