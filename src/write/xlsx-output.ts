/**
 * The glue between the pipeline (src/scan.ts) and workbooks (issue #15), so the pipeline only asks
 * "which reader?" and "which writer?": default output names, the cleaned workbook's writer, the cell
 * kinds of an output row, and the report's `input.workbook`.
 */
import { isWorkbookPath, XlsxWriter, type ByteSink } from './xlsx.js';
import { PEEK_ROWS, sniffWorkbook, type WorkbookInfo, type WorkbookReader } from '../read/xlsx.js';
import type { CsvReader } from '../read/reader.js';
import { AuditError, type AuditErrorCode } from '../errors.js';

export { isWorkbookPath };

/** The workbook side of a reader, when it read a workbook. */
export function workbookOf(reader: CsvReader | undefined): WorkbookReader | undefined {
  return reader && 'workbook' in reader ? (reader as WorkbookReader) : undefined;
}

/** Whether a file is a workbook; false for what sniffWorkbook would refuse (the read then says why). */
export function isWorkbookFile(path: string): boolean {
  try {
    return path !== '-' && sniffWorkbook(path) === 'xlsx';
  } catch {
    return false;
  }
}

/** The extension of the default cleaned file: the input's format. */
export function cleanSuffix(workbook: boolean): string {
  return workbook ? '.clean.xlsx' : '.clean.csv';
}

/**
 * A workbook writer for an output whose name asks for one (`.xlsx`), else undefined (CSV). The sheet
 * keeps the input sheet's name; a CSV input's sheet is named after the file.
 */
export function workbookWriter(path: string | undefined, sink: ByteSink | undefined, reader: CsvReader, stem: string, header: string[]): XlsxWriter | undefined {
  if (!path || path === '-' || !sink || !isWorkbookPath(path)) return undefined;
  return new XlsxWriter(sink, workbookOf(reader)?.workbook.sheet ?? stem, header, /\.xlsm$/i.test(path));
}

/** Kinds of the cells of an output row, from the input row's (`keep`: input column of each output column). */
export function outputKinds(kinds: Uint8Array | undefined, keep: readonly number[] | null): Uint8Array | undefined {
  if (!kinds || !keep) return kinds;
  const out = new Uint8Array(keep.length);
  for (let j = 0; j < keep.length; j++) out[j] = kinds[keep[j]] ?? 0;
  return out;
}

/**
 * A header error (said of line 1) moved to the sheet row that holds the header (a title above it). No
 * contact column in a workbook names the sheet read and the others, since the wrong sheet or a header
 * further down is the likely cause.
 */
export function atHeaderRow(e: AuditError, reader: CsvReader | undefined): AuditError {
  const wb = workbookOf(reader);
  if (e.line !== 1 || !HEADER_ERRORS.has(e.code)) return e;
  if (wb && e.code === 'E_NO_CONTACT_COLUMN') {
    return new AuditError('E_SHEET_NO_CONTACT_COLUMN', { ...e.params, sheet: wb.workbook.sheet, sheets: wb.sheetChoices, rows: PEEK_ROWS }, { file: e.file, line: wb.workbook.headerRow });
  }
  // A workbook's header row, or a CSV's physical header line (after a preamble or --header-row).
  const row = wb?.workbook.headerRow ?? reader?.headerLine;
  if (!row || row === 1) return e;
  return new AuditError(e.code, e.params, { file: e.file, line: row });
}

const HEADER_ERRORS = new Set<AuditErrorCode>(['E_HEADER_DUPLICATE', 'E_HEADER_EMPTY', 'E_TITLE_ROW', 'E_NO_CONTACT_COLUMN', 'E_MAP_UNKNOWN_COLUMN', 'E_TOO_MANY_COLUMNS']);

export type { WorkbookInfo };
