/**
 * GitHub Actions workflow commands (`--format github`): one annotation a finding, on the input file
 * and the row's line, as ESLint's and stylelint's GitHub formatters do. Never a personal value: no row
 * id, no masked value; the message is worded from the rule's message and its parameters (codes and
 * column names), like every report.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import type { Lang, Severity } from '../types.js';
import { t } from '../i18n/index.js';
import type { AnyReport } from './model.js';
import { findingMessage } from './wording.js';

/**
 * Annotations per rule and file: GitHub shows at most 10 of each level per step and 50 per job, and
 * thousands of lines would bury the log; the rest of a rule is one notice that says how many more.
 */
export const GITHUB_PER_RULE = 20;

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Control characters other than line breaks, shown escaped (a column name must not drive the log). */
function visible(s: string): string {
  return s.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A command's message (the toolkit's escapeData). */
export function escapeData(s: string): string {
  return visible(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value (the toolkit's escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Yields the annotation lines of a report; `file` is the path GitHub should show (relative to the workspace). */
export function* githubAnnotations(report: AnyReport, lang: Lang, file: string): Generator<string> {
  const shown = new Map<string, number>();
  const f0 = escapeProperty(file);
  let lines = '';
  for (const f of report.findings) {
    const n = shown.get(f.rule) ?? 0;
    shown.set(f.rule, n + 1);
    if (n >= GITHUB_PER_RULE) continue;
    lines += `::${COMMAND[f.severity]} file=${f0},line=${f.line},title=${escapeProperty(f.rule)}::${escapeData(findingMessage(lang, f))}\n`;
    if (lines.length >= 32768) {
      yield lines;
      lines = '';
    }
  }
  for (const [rule, count] of Object.entries(report.summary.byRule)) {
    const more = count - Math.min(shown.get(rule) ?? 0, GITHUB_PER_RULE);
    if (more <= 0) continue;
    const title = t(lang, `rule.${rule}.title`);
    lines += `::notice file=${f0},title=${escapeProperty(rule)}::${escapeData(t(lang, 'github.more', { count: more, rule, title }))}\n`;
  }
  if (lines) yield lines;
}
