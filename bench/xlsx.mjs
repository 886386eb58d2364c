/**
 * The workbook case of the benchmark (issue #15): the same seeded contacts as the CSV case, written as
 * an .xlsx by a real spreadsheet writer (ExcelJS's streaming WorkbookWriter, with a shared-string
 * table as Excel writes one), so the scan of a workbook can be set beside the scan of the CSV.
 * As a module: `generateWorkbook(path, { rows, seed })` → { bytes }.
 */
import { statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { HEADER, generateRows } from './generate.mjs';

export async function generateWorkbook(path, { rows = 100_000, seed = 42 } = {}) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('Contacts');
  ws.addRow(HEADER).commit();
  for (const row of generateRows(rows, seed)) {
    // The id as a number, as a spreadsheet holds it; the rest as the text the CSV has.
    ws.addRow(row.map((v, i) => (i === 0 && /^\d+$/.test(v) ? Number(v) : v === '' ? null : v))).commit();
  }
  ws.commit();
  await wb.commit();
  return { bytes: statSync(path).size };
}
