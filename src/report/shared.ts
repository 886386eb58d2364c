/**
 * What the reports for people (Markdown, HTML, CSV) share: the rules found, in the order a reader
 * should meet them, their wording, the next steps, and the neutralising of formula-like values.
 */
import type { Action, Lang, Reference, Severity } from '../types.js';
import { hasMessage, render, t } from '../i18n/index.js';
import { ruleById } from '../rules/index.js';
import { parseDuration } from '../read/values.js';
import { durationWords, fieldWord } from '../i18n/words.js';
import type { AnyReport, ReportFinding } from './model.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface RuleSummary {
  id: string;
  count: number;
  /** As applied in this run (config can re-level a rule; purge only flags most rules). */
  severity: Severity;
  action: Action;
  title: string;
  description?: string;
  why?: string;
  fix?: string;
  /** Where the rule reads the texts (a duration the law leaves open, say), said so. */
  interpretation?: string;
  references: readonly Reference[];
}

/** A message when the catalogue has it, else undefined (rules are not required to have every text). */
export function optionalText(lang: Lang, id: string, params?: Record<string, string | number>): string | undefined {
  return hasMessage(id, lang) || hasMessage(id, 'en') ? t(lang, id, params) : undefined;
}

/** The rules with findings, errors first, then by count. */
export function ruleSummaries(report: AnyReport, lang: Lang): RuleSummary[] {
  const out: RuleSummary[] = [];
  for (const [id, count] of Object.entries(report.summary.byRule)) {
    if (!count) continue;
    // As applied in this run: the report's rules table.
    const first = report.rules[id];
    const rule = ruleById.get(id);
    out.push({
      id,
      count,
      severity: first?.severity ?? rule?.severity ?? 'info',
      action: first?.action ?? rule?.action ?? 'flag',
      title: optionalText(lang, `rule.${id}.title`) ?? id,
      description: optionalText(lang, `rule.${id}.description`),
      why: optionalText(lang, `rule.${id}.why`),
      fix: optionalText(lang, `rule.${id}.fix`),
      interpretation: optionalText(lang, `rule.${id}.interpretation`),
      references: first?.references ?? rule?.references ?? [],
    });
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || (a.id < b.id ? -1 : 1));
}

/** One sentence saying whether the file can be used as it is. */
export function verdict(report: AnyReport, lang: Lang): string {
  const { error, warning } = report.summary.bySeverity;
  if (error) return t(lang, 'report.verdict.errors', { errors: error, warnings: warning });
  if (warning) return t(lang, 'report.verdict.warnings', { warnings: warning });
  return t(lang, 'report.verdict.clean');
}

/**
 * Findings listed in the reports meant for reading (Markdown, HTML): at most this many per rule. A
 * browser lays out a table of 100,000 rows for minutes and nobody reads it; the CSV and JSON reports
 * list every finding the collector kept.
 */
export const READABLE_FINDINGS_PER_RULE = 1000;

/** The findings to list, in report order, and how many the report holds without listing them here. */
export function readableFindings(report: AnyReport, limit = READABLE_FINDINGS_PER_RULE): { listed: ReportFinding[]; unlisted: number } {
  const perRule = new Map<string, number>();
  const listed: ReportFinding[] = [];
  for (const f of report.findings) {
    const n = perRule.get(f.rule) ?? 0;
    perRule.set(f.rule, n + 1);
    if (n < limit) listed.push(f);
  }
  const total = Object.values(report.summary.byRule).reduce((a, b) => a + b, 0);
  return { listed, unlisted: total - listed.length };
}

/**
 * A purge report's "what remains in the purged file" (issue #13 audit: it listed and counted the purged
 * rows too): the report with only the findings of the rows the purge kept, and counts of those. A row
 * the purge removed is one with a `drop-row` finding (a purge acts only by removing rows, and flags
 * the rest); findings come in line order, so a line's findings are held until the next line starts.
 * Lists at most `limit` findings per rule, counts them all. A scan report is returned as it is.
 */
export function remainingView(report: AnyReport, limit = READABLE_FINDINGS_PER_RULE): AnyReport {
  if (report.command !== 'purge') return report;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  const kept: ReportFinding[] = [];
  let rows = 0;
  let line: ReportFinding[] = [];
  const flush = () => {
    if (!line.length || line.some((f) => f.action === 'drop-row')) return;
    rows++;
    for (const f of line) {
      bySeverity[f.severity]++;
      const n = byRule[f.rule] ?? 0;
      byRule[f.rule] = n + 1;
      if (n < limit) kept.push(f);
    }
  };
  for (const f of report.findings) {
    if (line.length && line[0].line !== f.line) {
      flush();
      line = [];
    }
    line.push(f);
  }
  flush();
  return { ...report, summary: { ...report.summary, bySeverity, byRule, rowsWithFindings: rows }, findings: kept };
}

/** "What to do next", as plain sentences, most important first. */
export function nextSteps(report: AnyReport, lang: Lang, rules: readonly RuleSummary[]): string[] {
  const L = (id: string, p?: Record<string, string | number>) => t(lang, id, p);
  const steps: string[] = [];
  const changed = report.output.droppedRows > 0 || report.output.scrubbedColumns.length > 0 || rules.some((r) => r.action === 'scrub-field');
  if (changed) {
    if (report.options.dryRun || !report.output.path) steps.push(L('report.next.dryRun'));
    else steps.push(L('report.next.useClean', { path: report.output.path, dropped: report.output.droppedRows }));
    steps.push(L('report.next.original'));
  }
  for (const r of rules) if (r.fix) steps.push(L('report.next.rule', { title: r.title, id: r.id, fix: r.fix }));
  if (!report.summary.channelsChecked) steps.push(L('report.next.checkChannels'));
  if (rules.length === 0) steps.push(L(report.summary.channelsChecked ? 'report.next.clean' : 'report.next.cleanNoChannels'));
  steps.push(L('report.next.explain'));
  steps.push(L('report.next.keep'));
  return steps;
}

/**
 * Formula-like values (=, +, -, @ first; tab and carriage return too, as OWASP lists) are prefixed
 * with an apostrophe so a spreadsheet shows them as text instead of running them (SPEC §9). Only in
 * the reports: the cleaned file keeps the data as it was.
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** "3 years", "2 months": a retention duration ("3y", "2m") in words. */
export function durationLabel(lang: Lang, duration: string): string {
  return durationWords(lang, duration);
}

/** A duration in months (fractional for days and weeks), for placing it on a months axis. */
export function durationMonths(duration: string): number | undefined {
  const d = parseDuration(duration);
  if (!d) return undefined;
  const perMonth = 365.25 / 12;
  return d.unit === 'y' ? 12 * d.n : d.unit === 'm' ? d.n : d.unit === 'w' ? (7 * d.n) / perMonth : d.n / perMonth;
}

/** Categories whose retention runs from the last contact (the others end with membership or the election). */
export const CONTACT_RETENTION_CATEGORIES = ['regular_contact', 'occasional_contact', 'prospect'] as const;

/** "Label: value", with the language's punctuation (French puts a space before the colon). */
export function labelled(lang: Lang, label: string, value: string | number): string {
  return t(lang, 'report.labelValue', { label, value });
}

/**
 * A finding's field for people: the input's own column for a canonical field the file maps (what the
 * reader sees in the file), else the field in words; a column name as it is. The JSON keeps the code.
 */
export function fieldLabel(lang: Lang, report: Pick<AnyReport, 'input'>, field: string | undefined): string {
  if (field === undefined) return '';
  return (report.input.mapping as Record<string, string | undefined>)[field] ?? fieldWord(lang, field);
}

/**
 * A file-level notice for a report people read: its report wording when it has one (no option names,
 * the terminal's wording names them), in words, from its id and params.
 */
export function noticeText(lang: Lang, n: { id: string; params: Record<string, string>; message: string }): string {
  if (hasMessage(`report.${n.id}`, lang)) return render(lang, { id: `report.${n.id}`, params: n.params });
  return hasMessage(n.id, lang) ? render(lang, { id: n.id, params: n.params }) : n.message;
}

/** The labels of a finding's severity and action, in the report's language. */
export function severityLabel(lang: Lang, s: Severity): string {
  return t(lang, `severity.${s}`);
}

export function actionLabel(lang: Lang, a: Action): string {
  return t(lang, `action.${a}`);
}
