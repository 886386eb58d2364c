/**
 * What a rule is (ESLint style: metadata beside the check). A rule never prints and never words its
 * findings: it reports a message id (a key under `rule.<id>.` in src/i18n) with parameters.
 */
import type { Action, Category, Channel, DetectedColumn, Field, Reference, Severity, Source } from '../types.js';
import type { Mapping } from '../mapping.js';

export interface RuleMeta {
  /** Stable kebab-case id; the file is src/rules/<id>.ts. */
  id: string;
  severity: Severity;
  action: Action;
  /** Legal references, label + URL (SPEC §5). */
  references: readonly Reference[];
  /** Message ids this rule reports, without the `rule.<id>.` prefix. */
  messages: readonly string[];
  /** True when config cannot turn the rule off (malformed-row). */
  mandatory?: boolean;
}

/** Per-row facts computed once, before the rules run (SPEC §4). */
export interface Classification {
  source: Source;
  /** Social network named by `network` or by the source text, lower-case canonical name. */
  network?: string;
  category: Category;
  /** Channels with a lawful basis shown by the row (SPEC §5 channel table). */
  basis: ReadonlySet<Channel>;
  /** Channels with an explicit consent (opt-in) on the row. */
  consent: ReadonlySet<Channel>;
  /** Whether any consent column exists in the file. */
  hasConsentColumn: boolean;
  /** Whether the row claims a consent at all (any consent column true). */
  consentClaimed: boolean;
  objection: boolean;
  /** Where extra data was appended from, classified: a social network, a scraping tool, a data broker. */
  enrichment?: { kind: 'social' | 'scraping' | 'broker' | 'other'; network?: string };
  firstMessageReply?: 'yes' | 'no';
  /** Parsed dates (day numbers); undefined when absent or invalid. */
  dates: Partial<Record<Field, number>>;
  /** Date fields present but unparseable. */
  invalidDates: Field[];
}

/** The file-level plan built from the header, shared by every row. */
export interface HeaderPlan {
  header: string[];
  mapping: Mapping;
  /** Profiling / sensitive / political-opinion columns recognised by pattern. */
  detected: DetectedColumn[];
}

export interface RuleSettings {
  /** Channels the cleaned file is for (`--for`), empty when not given. */
  for: readonly Channel[];
  /** Reference date for retention (day number). */
  asOf: number;
  electionDate?: number;
  secondRoundDate?: number;
  /** Retention durations per category, resolved from defaults and config. */
  retention: Readonly<Record<string, string>>;
}

export interface RowContext {
  line: number;
  cells: readonly string[];
  plan: HeaderPlan;
  settings: RuleSettings;
  cls: Classification;
  /** Channels the row is used on: `--for`, else its `channel` column; empty when neither says. */
  channels: readonly Channel[];
  /** The trimmed value of a mapped field; undefined when unmapped or empty. */
  get(field: Field): string | undefined;
}

export interface RuleReport {
  /** Message id without the `rule.<id>.` prefix; must be in the rule's `messages`. */
  message: string;
  params?: Record<string, string | number>;
  /** Canonical field or column name the finding is about. */
  field?: string;
  /** Column indexes to empty on this row (scrub-field rules). */
  scrub?: readonly number[];
}

export interface Rule extends RuleMeta {
  /**
   * Columns this rule removes from the cleaned file entirely (SPEC §7: scrubbed profiling/sensitive
   * columns are absent). Called once per file.
   */
  removeColumns?(plan: HeaderPlan): number[];
  check(ctx: RowContext, report: (r: RuleReport) => void): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
