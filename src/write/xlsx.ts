/**
 * The streaming workbook writer (issue #15): one sheet, written row by row into a zip (yazl) whose
 * bytes go to an atomic output as they are deflated. Texts are inline strings (no shared-string table
 * to hold in memory), dates are date serials with a date format, numbers numbers, text cells carry
 * the "@" format so Excel keeps leading zeros if the cell is edited.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { extname } from 'node:path';
import yazl from 'yazl';
import { CellKind, ERROR_VALUES, columnLetters, escapeXmlText, isoToSerial } from '../read/xlsx-values.js';

/** Whether an output path asks for a workbook. */
export function isWorkbookPath(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' || ext === '.xlsm';
}

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not empty. */
export function sheetName(name: string): string {
  const s = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31).trim();
  return s || 'Sheet1';
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

// Cell styles: 0 General (numbers), 1 date (built-in 14, shown in the reader's locale: 05/03/2024 in
// French Excel), 2 date and time, 3 text "@" (49), 4 the header (bold text), 5 a time of day (21, h:mm:ss).
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function workbookXml(name: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="${escapeXmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/** Where the zip's bytes go: an AtomicFile (synchronous writes to a temp file). */
export interface ByteSink {
  writeSync(chunk: Buffer): void;
}

export class XlsxWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly sheet = new PassThrough();
  private readonly done: Promise<void>;
  private failure: unknown;
  private row = 0;
  private letters: string[] = [];

  /** Starts a workbook of one sheet whose first row is `header` (bold, frozen). */
  /** `macroEnabled`: for a `.xlsm` name, whose main part Excel expects to say so (it holds no macro). */
  constructor(out: ByteSink, name: string, header: string[], macroEnabled = false) {
    this.zip.outputStream.on('data', (c: Buffer) => {
      try {
        out.writeSync(c);
      } catch (e) {
        this.failure ??= e;
        this.sheet.destroy();
      }
    });
    this.done = new Promise((resolvePromise, reject) => {
      this.zip.outputStream.on('end', () => resolvePromise());
      this.zip.outputStream.on('error', reject);
    });
    this.done.catch((e) => { this.failure ??= e; });
    const mtime = new Date(0);
    const types = macroEnabled
      ? CONTENT_TYPES.replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
      : CONTENT_TYPES;
    this.zip.addBuffer(Buffer.from(types), '[Content_Types].xml', { mtime });
    this.zip.addBuffer(Buffer.from(ROOT_RELS), '_rels/.rels', { mtime });
    this.zip.addBuffer(Buffer.from(workbookXml(name)), 'xl/workbook.xml', { mtime });
    this.zip.addBuffer(Buffer.from(WORKBOOK_RELS), 'xl/_rels/workbook.xml.rels', { mtime });
    this.zip.addBuffer(Buffer.from(STYLES), 'xl/styles.xml', { mtime });
    this.zip.addReadStream(this.sheet, 'xl/worksheets/sheet1.xml', { mtime });
    this.zip.end();
    this.sheet.write(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>',
    );
    this.sheet.write(this.rowXml(header, undefined, 4));
  }

  private letter(i: number): string {
    return (this.letters[i] ??= columnLetters(i));
  }

  private rowXml(cells: readonly string[], kinds: ArrayLike<number> | undefined, textStyle = 3): string {
    const r = ++this.row;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === '' || v === undefined) continue;
      const ref = `${this.letter(i)}${r}`;
      const kind = kinds ? kinds[i] : CellKind.Text;
      if (kind === CellKind.Number && NUMBER.test(v)) xml += `<c r="${ref}"><v>${v}</v></c>`;
      else if (kind === CellKind.Date && isoToSerial(v) !== undefined) {
        const serial = isoToSerial(v)!;
        xml += `<c r="${ref}" s="${Number.isInteger(serial) ? 1 : 2}"><v>${serial}</v></c>`;
      } else if (kind === CellKind.Bool && (v === 'TRUE' || v === 'FALSE')) xml += `<c r="${ref}" t="b"><v>${v === 'TRUE' ? 1 : 0}</v></c>`;
      else if (kind === CellKind.Error && ERROR_VALUES.has(v)) xml += `<c r="${ref}" t="e"><v>${escapeXmlText(v)}</v></c>`;
      else if (kind === CellKind.Time && TIME.test(v)) {
        const [h, m, s] = v.split(':').map(Number);
        xml += `<c r="${ref}" s="5"><v>${(h * 3600 + m * 60 + s) / 86400}</v></c>`;
      }
      else xml += `<c r="${ref}" t="inlineStr" s="${textStyle}"><is><t xml:space="preserve">${escapeXmlText(v)}</t></is></c>`;
    }
    return xml + '</row>';
  }

  /** Appends rows; `kinds[i]` (CellKind per cell) keeps each cell's type, text when absent. */
  async write(rows: readonly (readonly string[])[], kinds?: readonly (ArrayLike<number> | undefined)[]): Promise<void> {
    if (this.failure) throw this.failure;
    let xml = '';
    for (let k = 0; k < rows.length; k++) xml += this.rowXml(rows[k], kinds?.[k]);
    if (!this.sheet.write(xml)) await Promise.race([once(this.sheet, 'drain'), this.done]);
    if (this.failure) throw this.failure;
  }

  /** Ends the sheet and the zip; resolves once every byte went to the sink. */
  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    this.sheet.end('</sheetData></worksheet>');
    await this.done;
    if (this.failure) throw this.failure;
  }

  abort(): void {
    this.sheet.destroy();
  }
}
