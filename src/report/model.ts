/**
 * The report (SPEC §7, schemaVersion 2) and the collector that fills it while rows stream past. The
 * collector keeps counts plus at most `limit` findings per rule, so memory does not grow with rows.
 */
import type { Category, Finding, Lang, Reference, Severity, Source } from '../types.js';
import { CATEGORIES, SEVERITIES, SOURCES } from '../types.js';
import { ruleById } from '../rules/index.js';
import type { RowResult } from '../engine.js';
import { civilFromDays } from '../read/values.js';
import type { FindingList, FindingSink } from './findings.js';
import type { InputProfileSection } from './profile.js';

export const SCHEMA_VERSION = 2;
export const DEFAULT_FINDINGS_LIMIT = 10000;

/**
 * A finding as the core keeps it: data only (schema v2). `messageId` is the message's key within its
 * rule (catalogue key `rule.<rule>.<messageId>`); renderers word it from `messageId` + `params` in
 * their language (src/report/wording.ts). The rule's references are in the report's `rules` table.
 */
export interface ReportFinding {
  rule: string;
  severity: Severity;
  line: number;
  id?: string;
  field?: string;
  action: Finding['action'];
  messageId: string;
  params: Record<string, string | number>;
  value?: string;
}

/** A rule of the report's `rules` table: as this run applied it (config levels, purge mode), once. */
export interface ReportRule {
  severity: Severity;
  action: Finding['action'];
  references: readonly Reference[];
}

export interface PurgeSection {
  salt?: string;
  log?: string;
  /** Fingerprint of the key of the log's hashes (never the key, issue #13). */
  keyFingerprint?: string;
  /** The suppression list extended, and the entries it gained. */
  suppressionList?: { path: string; added: number };
  /** Purged rows with nothing to hash. */
  unidentified?: number;
  byReason: Record<string, number>;
  byCategory: Record<string, number>;
  retention: Record<string, RetentionApplied>;
}

/**
 * A category's retention as a purge applied it: the duration code, where it comes from (`basis`), and
 * the message that says so (`messageId` + `params`, worded by the renderers, like findings).
 */
export interface RetentionApplied {
  duration: string;
  basis: 'default' | 'config' | 'config-only' | 'member';
  messageId: string;
  params: Record<string, string>;
}

/**
 * A report. Its findings are an array (the JSON document; what `scanFile` returns by default), or, for
 * code that also takes a spooled report (the renderers), any `FindingList`: `Report<FindingList>`.
 */
export interface Report<F extends FindingList = ReportFinding[]> {
  schemaVersion: 2;
  tool: { name: string; version: string };
  command: 'scan' | 'purge';
  generatedAt: string;
  asOf: string;
  options: {
    for: string[];
    electionDate: string | null;
    failOn: string;
    lang: Lang;
    dryRun: boolean;
    /** Retention per category as applied (defaults + config), e.g. { regular_contact: "3y" }. */
    retention?: Record<string, string>;
  };
  input: {
    path: string;
    sha256: string;
    encoding: string;
    bom: boolean;
    delimiter: string;
    rows: number;
    columns: number;
    mapping: Record<string, string>;
    unmapped: string[];
    /** A workbook input (issue #15): the sheet read, its header row, every sheet, other plausible ones. */
    workbook?: { format: 'xlsx'; sheet: string; headerRow: number; subHeaderRow?: number; sheets: string[]; otherCandidates: string[] };
  } & Partial<InputProfileSection>;
  output: { path: string | null; rows: number; droppedRows: number; scrubbedColumns: string[]; encoding: string };
  summary: {
    bySeverity: Record<Severity, number>;
    byRule: Record<string, number>;
    bySource: Record<Source, number>;
    byCategory: Record<Category, number>;
    rowsWithFindings: number;
    /** Findings on the rows that stay in the output, by severity (what is left after cleaning or purging). */
    remainingBySeverity: Record<Severity, number>;
    channelsChecked: boolean;
    /** Ages of `last_contact_at` at `asOf` (the HTML report's histogram); absent when not collected. */
    lastContactAges?: AgeHistogram;
  };
  /** Each rule with findings in this report, by id: severity and action as applied, legal references. */
  rules: Record<string, ReportRule>;
  /** In report order (line, then rule). An array, or a spool on disk (`scanFile({ spoolFindings })`). */
  findings: F;
  truncated: boolean;
  purge?: PurgeSection;
}

/** The report as a JSON document, findings as an array (what the JSON report and its schema hold). */
export type ReportDocument = Report<ReportFinding[]>;
/** A report whose findings may be spooled on disk: what renderers and the CLI take. */
export type AnyReport = Report<FindingList>;

/** Buckets of the `last_contact_at` histogram: 0 to 59 months old, then "60 months or more". */
export const AGE_BUCKETS = 61;

/**
 * Ages of `last_contact_at` at `asOf`, counted per month while rows stream past: a fixed number of
 * counters, so memory does not grow with rows (SPEC §8).
 */
export interface AgeHistogram {
  /** months[i]: rows whose last contact is i whole months old; the last bucket also holds older rows. */
  months: number[];
  /** Rows whose last contact is after `asOf`. */
  future: number;
  /** Rows with no readable `last_contact_at`. */
  unknown: number;
}

/** Whole calendar months from day `from` to day `to` (both day numbers), like addDuration counts them. */
export function monthsBetween(from: number, to: number): number {
  const a = civilFromDays(from);
  const b = civilFromDays(to);
  const m = (b.y - a.y) * 12 + (b.m - a.m);
  return b.d < a.d ? m - 1 : m;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export class ReportCollector<S extends FindingSink = ReportFinding[]> {
  rowsIn = 0;
  kept = 0;
  dropped = 0;
  rowsWithFindings = 0;
  readonly bySeverity = zeroes(SEVERITIES);
  readonly remainingBySeverity = zeroes(SEVERITIES);
  readonly byRule: Record<string, number> = {};
  readonly bySource = zeroes(SOURCES);
  readonly byCategory = zeroes(CATEGORIES);
  truncated = false;
  private readonly perRule = new Map<string, number>();
  private readonly ruleTable: Record<string, ReportRule> = {};
  private readonly ages: AgeHistogram | undefined;

  /** With `asOf` (a day number), the collector also counts the ages of `last_contact_at`. */
  constructor(
    /** Unused since schema v2 (the core no longer words findings); kept for callers. */
    _lang: Lang,
    private readonly limit = DEFAULT_FINDINGS_LIMIT,
    private readonly asOf?: number,
    /** Where the kept findings go: an array by default, or a spool (src/report/findings.ts). */
    readonly findings: S = [] as unknown as S,
  ) {
    if (asOf !== undefined) this.ages = { months: new Array<number>(AGE_BUCKETS).fill(0), future: 0, unknown: 0 };
  }

  /** `lastContactAt`: the row's parsed `last_contact_at` (day number), when the engine provides it. */
  add(r: RowResult & { lastContactAt?: number }): void {
    this.rowsIn++;
    if (this.ages) {
      const d = r.lastContactAt;
      if (d === undefined) this.ages.unknown++;
      else if (d > this.asOf!) this.ages.future++;
      else this.ages.months[Math.min(monthsBetween(d, this.asOf!), AGE_BUCKETS - 1)]++;
    }
    if (r.dropped) this.dropped++;
    else this.kept++;
    this.bySource[r.source]++;
    this.byCategory[r.category]++;
    if (r.findings.length) this.rowsWithFindings++;
    // Rows come in line order: with each row's findings in rule order, the whole list is in report
    // order as it is collected (a spooled list cannot be sorted afterwards).
    const found = r.findings.length > 1 && !inRuleOrder(r.findings) ? r.findings.slice().sort(compareRules) : r.findings;
    for (const f of found) {
      this.addFinding(f);
      if (!r.dropped) this.remainingBySeverity[f.severity]++;
    }
  }

  /** A file-level finding (column-not-understood): about the whole file, so about every row it keeps. */
  addFileFinding(f: Finding): void {
    this.addFinding(f);
    this.remainingBySeverity[f.severity]++;
  }

  addFinding(f: Finding): void {
    this.bySeverity[f.severity]++;
    this.byRule[f.rule] = (this.byRule[f.rule] ?? 0) + 1;
    if (!(f.rule in this.ruleTable)) {
      this.ruleTable[f.rule] = { severity: f.severity, action: f.action, references: ruleById.get(f.rule)?.references ?? [] };
    }
    const n = this.perRule.get(f.rule) ?? 0;
    if (n >= this.limit) {
      this.truncated = true;
      return;
    }
    this.perRule.set(f.rule, n + 1);
    const rf: ReportFinding = {
      rule: f.rule,
      severity: f.severity,
      line: f.line,
      action: f.action,
      messageId: messageKey(f.rule, f.message.id),
      params: f.message.params ?? {},
    };
    if (f.id !== undefined) rf.id = f.id;
    if (f.field !== undefined) rf.field = f.field;
    if (f.value !== undefined) rf.value = f.value;
    this.findings.push(rf);
  }

  /** The report's `rules` table: the rules found so far, in the order first met. */
  rules(): Record<string, ReportRule> {
    return { ...this.ruleTable };
  }

  /** The `last_contact_at` histogram, when the collector was given `asOf`. */
  lastContactAges(): AgeHistogram | undefined {
    return this.ages && { months: this.ages.months.slice(), future: this.ages.future, unknown: this.ages.unknown };
  }

}

/** Count of findings at or above a level, from a finished report. */
export function countAtOrAbove(report: Pick<AnyReport, 'summary' | 'command'>, level: 'error' | 'warning' | 'never'): number {
  // A purge has acted on what it removed: only what stays in the purged file can fail it. A scan
  // fails on what the input held (a pre-import check is about the file as exported).
  const s = report.command === 'purge' ? report.summary.remainingBySeverity : report.summary.bySeverity;
  if (level === 'never') return 0;
  return level === 'error' ? s.error : s.error + s.warning;
}

/** A message's key within its rule: `rule.<rule>.<key>` in the catalogue. */
function messageKey(rule: string, id: string): string {
  const prefix = `rule.${rule}.`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
}

/** The catalogue id of a finding's message (the inverse of the short key the report holds). */
export function messageCatalogueId(f: { rule: string; messageId: string }): string {
  return f.messageId.includes('.') ? f.messageId : `rule.${f.rule}.${f.messageId}`;
}

/** Whether the findings are already in rule order (most rows: no copy to sort). */
function inRuleOrder(findings: readonly { rule: string }[]): boolean {
  for (let i = 1; i < findings.length; i++) if (findings[i - 1].rule > findings[i].rule) return false;
  return true;
}

function compareRules(a: { rule: string }, b: { rule: string }): number {
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
