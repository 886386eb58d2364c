/**
 * Markdown report (SPEC §7): readable in a Git forge or pasted into a DPO's accountability file.
 * Summary, then each rule found with why it matters and its legal sources, the findings table, and
 * what to do next. Every value from the input is escaped: no HTML, links or table breaks get through.
 */
import type { Lang } from '../types.js';
import { t } from '../i18n/index.js';
import { escapeControls } from '../controls.js';
import { channelWord } from '../i18n/words.js';
import { referenceLabel } from '../i18n/references.js';
import type { AnyReport } from './model.js';
import { mdPurge, purgeFacts } from './purge-section.js';
import { findingMessage } from './wording.js';
import { READABLE_FINDINGS_PER_RULE, actionLabel, labelled, nextSteps, noticeText, readableFindings, remainingView, ruleSummaries, severityLabel, verdict } from './shared.js';

/** Escapes text for Markdown, including a table cell: no HTML, no pipes, no line breaks. */
export function mdCell(s: string): string {
  // Control characters first (issue #16: raw ESC bytes reached the report), so their backslash is escaped too.
  return escapeControls(s.replace(/[\r\n]+/g, ' '))
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([`*_[\]#!~])/g, '\\$1');
}

/** A link to a reference: only http(s) URLs become links; the rest is shown as text. */
export function mdLink(label: string, url: string): string {
  if (!/^https?:\/\//i.test(url)) return `${mdCell(label)} (${mdCell(url)})`;
  return `[${mdCell(label)}](${url.replace(/[()<>\s"']/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))})`;
}

export function* mdChunks(whole: AnyReport, lang: Lang): Generator<string> {
  const L = (id: string, p?: Record<string, string | number>) => t(lang, id, p);
  // A purge report describes, after the purge, only what remains in the purged file.
  const report = whole.purge ? remainingView(whole) : whole;
  const rules = ruleSummaries(report, lang);
  const s = report.summary;
  const file = report.input.path === '-' ? '<stdin>' : report.input.path;

  yield `# ${mdCell(L(report.command === 'purge' ? 'summary.titlePurge' : 'summary.title', { file }))}\n\n`;
  // A purge report opens with the purge, then describes what remains (issue #13).
  if (report.purge) yield* mdPurge(purgeFacts({ ...report, purge: report.purge }, lang), lang, mdCell);
  else yield `> ${mdCell(verdict(report, lang))}\n\n`;
  yield `- ${labelled(lang, L('md.asOf'), report.asOf)}\n`;
  yield `- ${labelled(lang, L('md.generatedAt'), report.generatedAt)}\n`;
  yield `- ${labelled(lang, 'SHA-256', `\`${report.input.sha256}\``)}\n`;
  // A workbook is described by its sheet and header row, not by the dialect of a CSV it never was (issue #15).
  const wb = report.input.workbook;
  if (wb) yield `- ${mdCell(L(wb.subHeaderRow ? 'summary.inputWorkbookTwoRows' : 'summary.inputWorkbook', { rows: report.input.rows, columns: report.input.columns, sheet: wb.sheet, row: wb.headerRow, sub: wb.subHeaderRow ?? '' }))}\n`;
  else yield `- ${mdCell(L('summary.input', { rows: report.input.rows, columns: report.input.columns, encoding: report.input.encoding + (report.input.bom ? ' (BOM)' : ''), delimiter: JSON.stringify(report.input.delimiter) }))}\n`;
  // How the file was read (issue 12): profile, columns not read, file-level notices.
  if (report.input.profile) yield `- ${mdCell(L('report.profile', { profile: report.input.profile, how: L(`summary.profileOrigin.${report.input.profileOrigin ?? 'header'}`) }))}\n`;
  const nu = report.input.notUnderstood ?? [];
  if (nu.length) yield `- ${mdCell(L('summary.notUnderstood', { count: nu.length, total: report.input.columns, columns: nu.join(', ') }))}\n`;
  for (const n of report.input.notices ?? []) yield `- ⚠ ${mdCell(noticeText(lang, n))}\n`;
  if (s.channelsChecked) {
    if (report.options.for.length) yield `- ${mdCell(L('summary.channels', { channels: report.options.for.map((ch) => channelWord(lang, ch)).join(', ') }))}\n`;
  } else yield `- ${mdCell(L('report.channelsNotChecked'))}\n`;
  if (report.options.electionDate) yield `- ${labelled(lang, L('report.electionDate'), report.options.electionDate)}\n`;

  yield `\n## ${L('report.summary')}\n\n| | |\n|---|---:|\n`;
  yield `| ${L('report.rowsIn')} | ${report.input.rows} |\n`;
  yield `| ${L('report.rowsKept')} | ${report.output.rows} |\n`;
  yield `| ${L('report.rowsDropped')} | ${report.output.droppedRows} |\n`;
  yield `| ${L(report.purge ? 'report.purge.rowsWithFindings' : 'report.rowsWithFindings')} | ${s.rowsWithFindings} |\n`;
  yield `| ${L('report.errors')} | ${s.bySeverity.error} |\n`;
  yield `| ${L('report.warnings')} | ${s.bySeverity.warning} |\n`;
  if (s.bySeverity.info) yield `| ${L('report.infos')} | ${s.bySeverity.info} |\n`;
  if (report.output.scrubbedColumns.length) {
    yield `\n${mdCell(L('summary.scrubbed', { columns: report.output.scrubbedColumns.join(', ') }))}\n`;
  }
  if (report.purge) yield `\n${mdCell(L('report.purge.remainingNote'))}\n`;

  yield `\n## ${L('md.byRule')}\n\n`;
  if (rules.length === 0) yield `${L('summary.noFindings')}\n`;
  for (const r of rules) {
    yield `### ${mdCell(r.title)} (\`${r.id}\`)\n\n`;
    yield `**${severityLabel(lang, r.severity)}** · ${L('report.findingsCount', { count: r.count })} · ${actionLabel(lang, r.action)}\n\n`;
    if (r.description) yield `${mdCell(r.description)}\n\n`;
    if (r.why) yield `**${L('report.why')}** ${mdCell(r.why)}\n\n`;
    if (r.fix) yield `**${L('report.fix')}** ${mdCell(r.fix)}\n\n`;
    if (r.interpretation) yield `**${L('report.interpretation')}** ${mdCell(r.interpretation)}\n\n`;
    if (r.references.length) {
      yield `${labelled(lang, L('report.sources'), '').trimEnd()}\n\n`;
      for (const ref of r.references) yield `- ${mdLink(referenceLabel(lang, ref), ref.url)}\n`;
      yield '\n';
    }
  }

  const { listed, unlisted } = readableFindings(report);
  if (listed.length) {
    yield `## ${L('md.findings')}\n\n`;
    yield `| ${L('report.col.line')} | ${L('report.col.id')} | ${L('report.col.rule')} | ${L('report.col.severity')} | ${L('report.col.action')} | ${L('report.col.message')} |\n|---:|---|---|---|---|---|\n`;
    for (const f of listed) {
      const text = findingMessage(lang, f);
      const message = f.value !== undefined ? `${text} (${f.value})` : text;
      yield `| ${f.line} | ${mdCell(f.id ?? '')} | \`${f.rule}\` | ${severityLabel(lang, f.severity)} | ${actionLabel(lang, f.action)} | ${mdCell(message)} |\n`;
    }
    if (unlisted) yield `\n${mdCell(L('report.unlisted', { listed: listed.length, total: listed.length + unlisted, limit: READABLE_FINDINGS_PER_RULE }))}\n`;
    yield '\n';
  }

  yield `## ${L('report.nextSteps')}\n\n`;
  let i = 1;
  for (const step of nextSteps(report, lang, rules)) yield `${i++}. ${mdCell(step)}\n`;
}
