/** The terminal summary (SPEC §7): rows, findings by rule with severity colours, files, next step. */
import type { FindingList } from '../report/findings.js';
import type { ChalkInstance } from 'chalk';
import { render, t } from '../i18n/index.js';
import { escapeControls } from '../controls.js';
import { channelWord } from '../i18n/words.js';
import type { FailOn, Lang } from '../types.js';
import { countAtOrAbove, type AnyReport } from '../report/model.js';
import type { ScanResult } from '../scan.js';
import { ruleById } from '../rules/index.js';
import { verdictLine, type Verdict } from '../report/combined.js';

const DELIMITER_NAMES: Record<string, string> = { ',': '","', ';': '";"', '\t': 'tab', '|': '"|"' };

/** A workbook input (issue #15): the sheet read, the other plausible sheets, what the cleaned file holds. */
function workbookLines(wb: NonNullable<AnyReport['input']['workbook']>, result: ScanResult<FindingList>, lang: Lang): string[] {
  const r = result.report;
  const out = [t(lang, wb.subHeaderRow ? 'summary.inputWorkbookTwoRows' : 'summary.inputWorkbook', { rows: r.input.rows, columns: r.input.columns, sheet: wb.sheet, row: wb.headerRow, sub: wb.subHeaderRow ?? '' })];
  if (wb.otherCandidates.length) out.push(t(lang, 'summary.sheetOthers', { sheets: wb.otherCandidates.join(', ') }));
  if (wb.sheets.length > 1 && result.written.clean) out.push(t(lang, 'summary.sheetNotCopied'));
  return out;
}

export function renderSummary(result: ScanResult<FindingList>, lang: Lang, c: ChalkInstance, failOn: string, exitCode: number, verdict?: Verdict): string {
  const r: AnyReport = result.report;
  const lines: string[] = [];
  // Names from the input or the command line are shown escaped (issue #16: a header or a file name
  // holding an ANSI escape drove the terminal).
  const file = escapeControls(r.input.path === '-' ? '<stdin>' : r.input.path);
  lines.push(c.bold(t(lang, r.command === 'purge' ? 'summary.titlePurge' : 'summary.title', { file })));
  const wb = r.input.workbook;
  if (wb) lines.push(...workbookLines(wb, result, lang));
  else lines.push(
    t(lang, 'summary.input', {
      rows: r.input.rows,
      columns: r.input.columns,
      encoding: r.input.encoding + (r.input.bom ? ' (BOM)' : ''),
      delimiter: DELIMITER_NAMES[r.input.delimiter] ?? JSON.stringify(r.input.delimiter),
    }),
  );
  // How the file was read beyond its dialect (issue 12): profile, whole-file source, notices.
  if (r.input.profile) lines.push(t(lang, 'summary.profile', { profile: r.input.profile, how: t(lang, `summary.profileOrigin.${r.input.profileOrigin ?? 'header'}`) }));
  const wfs = r.input.wholeFileSource;
  if (wfs && wfs.rows > 0) lines.push(render(lang, { id: wfs.from === 'option' ? 'summary.wholeFileSource' : 'summary.wholeFileSourceProfile', params: { source: wfs.value, rows: wfs.rows } }));
  const nu = r.input.notUnderstood ?? [];
  if (nu.length) lines.push(t(lang, 'summary.notUnderstood', { count: nu.length, total: r.input.columns, columns: escapeControls(nu.slice(0, 12).join(', ') + (nu.length > 12 ? ', …' : '')) }));
  for (const n of r.input.notices ?? []) lines.push(c.yellow(escapeControls(n.message)));
  lines.push(
    t(lang, 'summary.rows', {
      rowsIn: r.input.rows,
      kept: c.green(String(r.output.rows)),
      dropped: r.output.droppedRows ? c.red(String(r.output.droppedRows)) : '0',
      withFindings: r.summary.rowsWithFindings,
    }),
  );
  if (!r.summary.channelsChecked) lines.push(c.yellow(t(lang, 'summary.channelsNotChecked')));
  else if (r.options.for.length) lines.push(t(lang, 'summary.channels', { channels: r.options.for.map((ch) => channelWord(lang, ch)).join(', ') }));
  const rules = Object.entries(r.summary.byRule).sort((a, b) => b[1] - a[1]);
  if (rules.length === 0) lines.push(c.green(t(lang, 'summary.noFindings')));
  else {
    lines.push('', t(lang, 'summary.findingsTitle'));
    const width = Math.max(...rules.map(([id]) => id.length));
    for (const [id, count] of rules) {
      const sev = r.rules[id]?.severity ?? ruleById.get(id)?.severity ?? 'info';
      const colour = sev === 'error' ? c.red : sev === 'warning' ? c.yellow : c.cyan;
      const title = t(lang, `rule.${id}.title`);
      lines.push(`  ${colour(t(lang, `severity.${sev}`).padEnd(13))} ${id.padEnd(width)}  ${String(count).padStart(7)}  ${c.dim(title)}`);
    }
  }
  if (r.output.scrubbedColumns.length) lines.push('', t(lang, 'summary.scrubbed', { columns: escapeControls(r.output.scrubbedColumns.join(', ')) }));
  if (r.truncated) lines.push(c.yellow(t(lang, 'summary.truncated', { limit: 10000 })));
  lines.push('');
  const purge = r.command === 'purge';
  // A purge says what its dry run did in its own part of the summary ("nothing deleted, nothing written").
  if (r.options.dryRun && !purge) lines.push(t(lang, 'summary.dryRun'));
  if (result.written.clean) lines.push(t(lang, purge ? 'summary.wrotePurged' : 'summary.wroteClean', { path: escapeControls(result.written.clean) }));
  for (const p of result.written.reports) lines.push(t(lang, 'summary.wroteReport', { path: escapeControls(p) }));
  if (result.written.rejects) lines.push(c.yellow(t(lang, 'summary.wroteRejects', { path: escapeControls(result.written.rejects) })));
  const count = r.summary.bySeverity.error + r.summary.bySeverity.warning;
  // purge prints its own next step (move the purged file into place) in its section.
  // A dry run wrote no cleaned file: its next step is the real run, not "use the cleaned file".
  if (!purge) lines.push(t(lang, r.options.dryRun && count ? 'summary.nextStepDryRun' : count ? 'summary.nextStepErrors' : 'summary.nextStepClean'));
  if (exitCode === 1) {
    // The same count that decided the exit code (a purge counts only what stays in the purged file).
    if (verdict) lines.push(c.red(verdictLine(verdict, lang)));
    else lines.push(c.red(t(lang, 'summary.failOn', { code: 1, count: countAtOrAbove(r, failOn as FailOn), level: t(lang, `severity.${failOn}`) })));
  }
  return lines.join('\n') + '\n';
}
