/**
 * CSV findings report (SPEC §7): one row per finding, for spreadsheet users. Written the way Excel
 * opens it without an import dialog: UTF-8 with a BOM, CRLF, and the list separator of the report's
 * language (";" in French Excel, "," in English). Formula-like values are neutralised (SPEC §9).
 */
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../types.js';
import { t } from '../i18n/index.js';
import type { AnyReport } from './model.js';
import { actionLabel, fieldLabel, neutraliseFormula, optionalText, severityLabel } from './shared.js';
import { escapeControls } from '../controls.js';
import { findingMessage } from './wording.js';
import { referenceLabel } from '../i18n/references.js';

export const CSV_COLUMNS = ['line', 'id', 'rule', 'title', 'severity', 'action', 'field', 'message', 'value', 'references'] as const;

/** The separator a spreadsheet expects in this language. */
export function csvDelimiter(lang: Lang): string {
  return lang === 'fr' ? ';' : ',';
}


export function* csvChunks(report: AnyReport, lang: Lang): Generator<string> {
  yield '\uFEFF' + stringify([CSV_COLUMNS.map((c) => t(lang, `report.col.${c}`))], csvOptions(lang));
  yield* csvRows(report, lang);
}

/** One CSV report of several inputs: the same columns after a `file` one (issue 14). */
export function* combinedCsvChunks(reports: readonly AnyReport[], lang: Lang): Generator<string> {
  yield '\uFEFF' + stringify([[t(lang, 'report.col.file'), ...CSV_COLUMNS.map((c) => t(lang, `report.col.${c}`))]], csvOptions(lang));
  for (const r of reports) yield* csvRows(r, lang, r.input.path === '-' ? '<stdin>' : r.input.path);
}

/**
 * A bare CR or LF is quoted too (csv-stringify quotes only the record delimiter, CRLF), and control
 * characters from the input are shown escaped (issue #16: a header "cookie\r=cmd…" made a row).
 */
function csvOptions(lang: Lang) {
  return { delimiter: csvDelimiter(lang), record_delimiter: '\r\n', eof: true, quoted_match: ['\r', '\n'] };
}

/** A report's finding rows, each after `file` when given (a combined report). */
function* csvRows(report: AnyReport, lang: Lang, file?: string): Generator<string> {
  const options = csvOptions(lang);
  // Each rule's references, joined once (the report's rules table holds them).
  const refs = new Map<string, string>();
  const references = (rule: string) => {
    let s = refs.get(rule);
    if (s === undefined) refs.set(rule, (s = (report.rules[rule]?.references ?? []).map((r) => `${referenceLabel(lang, r)} <${r.url}>`).join(' ; ')));
    return s;
  };
  const titles = new Map<string, string>();
  const title = (rule: string) => {
    let s = titles.get(rule);
    if (s === undefined) titles.set(rule, (s = optionalText(lang, `rule.${rule}.title`) ?? ''));
    return s;
  };
  const BATCH = 1000;
  let rows: string[][] = [];
  for (const f of report.findings) {
    rows.push(
      [
        ...(file === undefined ? [] : [file]),
        String(f.line),
        f.id ?? '',
        f.rule,
        title(f.rule),
        severityLabel(lang, f.severity),
        actionLabel(lang, f.action),
        fieldLabel(lang, report, f.field),
        findingMessage(lang, f),
        f.value ?? '',
        references(f.rule),
      ].map((v) => neutraliseFormula(escapeControls(v, '\n\t'))),
    );
    if (rows.length === BATCH) {
      yield stringify(rows, options);
      rows = [];
    }
  }
  if (rows.length) yield stringify(rows, options);
}
