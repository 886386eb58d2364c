/** Markdown report (SPEC §7): readable in a Git forge or pasted into a DPO's accountability file. */
import type { Lang } from '../types.js';
import { t } from '../i18n/index.js';
import type { Report } from './model.js';

/** Escapes text for a Markdown table cell: no HTML, no pipes, no line breaks. */
export function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([`*_[\]])/g, '\\$1');
}

export function* mdChunks(report: Report, lang: Lang): Generator<string> {
  const L = (id: string, p?: Record<string, string | number>) => t(lang, id, p);
  yield `# ${mdCell(L(report.command === 'purge' ? 'summary.titlePurge' : 'summary.title', { file: report.input.path }))}\n\n`;
  yield `- ${L('md.asOf')}: ${report.asOf}\n- ${L('md.generatedAt')}: ${report.generatedAt}\n- SHA-256: \`${report.input.sha256}\`\n`;
  yield `- ${L('summary.rows', { rowsIn: report.input.rows, kept: report.output.rows, dropped: report.output.droppedRows, withFindings: report.summary.rowsWithFindings })}\n`;
  if (!report.summary.channelsChecked) yield `- ${L('summary.channelsNotChecked')}\n`;
  if (report.output.scrubbedColumns.length) yield `- ${mdCell(L('summary.scrubbed', { columns: report.output.scrubbedColumns.join(', ') }))}\n`;
  yield `\n## ${L('md.byRule')}\n\n| rule | ${L('md.count')} |\n|---|---:|\n`;
  for (const [rule, n] of Object.entries(report.summary.byRule).sort((a, b) => b[1] - a[1])) yield `| \`${rule}\` | ${n} |\n`;
  yield `\n## ${L('md.findings')}\n\n| ${L('md.line')} | id | rule | ${L('md.severity')} | action | message |\n|---:|---|---|---|---|---|\n`;
  for (const f of report.findings) {
    yield `| ${f.line} | ${mdCell(f.id ?? '')} | \`${f.rule}\` | ${L(`severity.${f.severity}`)} | ${L(`action.${f.action}`)} | ${mdCell(f.message)} |\n`;
  }
  if (report.truncated) yield `\n${L('summary.truncated', { limit: 10000 })}\n`;
}
