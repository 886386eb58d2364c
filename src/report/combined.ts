/**
 * Several inputs, one verdict (issue 14): the totals over the reports of a run, the verdict that
 * decides the exit code, and the reports that hold several files — the JSON object
 * `{schemaVersion, summary, verdict, files: [report…]}` and one Markdown document with a section per
 * file. Data here, words at the edge: the verdict carries counts; renderers word them.
 */
import type { Lang, Severity } from '../types.js';
import { SEVERITIES } from '../types.js';
import { t } from '../i18n/index.js';
import { SCHEMA_VERSION, countAtOrAbove, type AnyReport } from './model.js';
import { jsonChunks } from './json.js';
import { labelled, severityLabel } from './shared.js';

export interface Totals {
  files: number;
  rows: number;
  kept: number;
  dropped: number;
  bySeverity: Record<Severity, number>;
  byRule: Record<string, number>;
}

/** An input that could not be audited: its path and the error's one line (no personal data). */
export interface Unreadable {
  path: string;
  code: string;
  message: string;
}

export interface Verdict {
  /**
   * 0: pass; 1: findings at or above --fail-on, or more warnings than --max-warnings; 2: an input could
   * not be read; 130: interrupted (the reports are those of the inputs finished before).
   */
  exitCode: 0 | 1 | 2 | 130;
  failOn: 'error' | 'warning' | 'never';
  /** Findings at or above failOn (a purge counts what stays in the purged file). */
  atOrAbove: number;
  warnings: number;
  maxWarnings: number | null;
  unreadable: Unreadable[];
}

/** Totals over reports: `files` counts the reports (inputs read). */
export function totalsOf(reports: readonly AnyReport[]): Totals {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = {};
  let rows = 0, kept = 0, dropped = 0;
  for (const r of reports) {
    rows += r.input.rows;
    kept += r.output.rows;
    dropped += r.output.droppedRows;
    for (const s of SEVERITIES) bySeverity[s] += r.summary.bySeverity[s];
    for (const [id, n] of Object.entries(r.summary.byRule)) byRule[id] = (byRule[id] ?? 0) + n;
  }
  return { files: reports.length, rows, kept, dropped, bySeverity, byRule };
}

/** Warnings that count against --max-warnings: what stays in the output for a purge, as --fail-on counts. */
export function warningsOf(report: Pick<AnyReport, 'summary' | 'command'>): number {
  return (report.command === 'purge' ? report.summary.remainingBySeverity : report.summary.bySeverity).warning;
}

/** The run's verdict over the reports of the inputs read and the inputs that could not be. */
export function verdictOf(
  reports: readonly AnyReport[],
  failOn: Verdict['failOn'],
  maxWarnings: number | undefined,
  unreadable: Unreadable[] = [],
  /** What counts against --fail-on in a report, when the command decides it otherwise (purge, issue #13). */
  failCountOf: (report: AnyReport) => number = (r) => countAtOrAbove(r, failOn),
): Verdict {
  let atOrAbove = 0;
  let warnings = 0;
  for (const r of reports) {
    atOrAbove += failCountOf(r);
    warnings += warningsOf(r);
  }
  const failing = atOrAbove > 0 || (maxWarnings !== undefined && warnings > maxWarnings);
  return { exitCode: unreadable.length ? 2 : failing ? 1 : 0, failOn, atOrAbove, warnings, maxWarnings: maxWarnings ?? null, unreadable };
}

/** The verdict in one line: which exit code, and why. */
export function verdictLine(v: Verdict, lang: Lang): string {
  if (v.exitCode === 130) return t(lang, 'cli.interrupted');
  if (v.exitCode === 2) return t(lang, 'verdict.unreadable', { count: v.unreadable.length });
  if (v.exitCode === 1) {
    if (v.atOrAbove > 0) return t(lang, 'summary.failOn', { code: 1, count: v.atOrAbove, level: severityLabel(lang, v.failOn as Severity) });
    return t(lang, 'verdict.maxWarnings', { count: v.warnings, max: v.maxWarnings ?? 0 });
  }
  return v.failOn === 'never' ? t(lang, 'verdict.passNever') : t(lang, 'verdict.pass', { level: severityLabel(lang, v.failOn) });
}

/** The grand total over several files, in one line. */
export function totalLine(totals: Totals, lang: Lang): string {
  return t(lang, 'verdict.total', {
    files: totals.files,
    rows: totals.rows,
    kept: totals.kept,
    dropped: totals.dropped,
    errors: totals.bySeverity.error,
    warnings: totals.bySeverity.warning,
    infos: totals.bySeverity.info,
  });
}

/** `--format json` (or `-r x.json`) with several inputs: one object, each file's report in `files`. */
export function* reportSetChunks(reports: readonly AnyReport[], verdict: Verdict, lang: Lang): Generator<string> {
  const head = { schemaVersion: SCHEMA_VERSION, summary: totalsOf(reports), verdict: { ...verdict, message: verdictLine(verdict, lang) } };
  const text = JSON.stringify(head, null, 2);
  yield text.slice(0, -2) + ',\n  "files": [';
  for (let i = 0; i < reports.length; i++) {
    yield i ? ',\n' : '\n';
    let prev: string | undefined;
    // Each report as written alone, without its final line break.
    for (const c of jsonChunks(reports[i], lang)) {
      if (prev !== undefined) yield prev;
      prev = c;
    }
    if (prev !== undefined) yield prev.replace(/\n$/, '');
  }
  yield reports.length ? '\n  ]\n}\n' : ']\n}\n';
}

/** One Markdown document for several inputs: the totals and verdict, then each file's report, a heading level down. */
export async function* combinedMdChunks(reports: readonly AnyReport[], verdict: Verdict, lang: Lang): AsyncGenerator<string> {
  const { mdChunks, mdCell } = await import('./md.js');
  const totals = totalsOf(reports);
  const command = reports[0]?.command ?? 'scan';
  yield `# ${mdCell(t(lang, command === 'purge' ? 'verdict.titlePurge' : 'verdict.title', { files: totals.files }))}\n\n`;
  yield `> ${mdCell(verdictLine(verdict, lang))}\n\n`;
  yield `- ${mdCell(totalLine(totals, lang))}\n`;
  for (const u of verdict.unreadable) yield `- ${mdCell(labelled(lang, u.path, u.message))}\n`;
  yield '\n';
  for (const r of reports) {
    for (const chunk of mdChunks(r, lang)) yield chunk.replace(/^#/gm, '##');
    yield '\n';
  }
}
