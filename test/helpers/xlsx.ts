/** Hand-built workbooks for reader tests: a zip (yazl) of the parts a test names, the rest minimal. */
import yazl from 'yazl';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function zipBuffer(parts: Record<string, string | Buffer>, compress = true): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, body] of Object.entries(parts)) zip.addBuffer(Buffer.isBuffer(body) ? body : Buffer.from(body), name, { compress, mtime: new Date(0) });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export interface SheetSpec {
  name?: string;
  /** The `<sheetData>` content, or the whole worksheet XML when it starts with "<?xml". */
  xml: string;
  hidden?: boolean;
}

/** A workbook of the given sheets, shared strings and number formats (`formats[i]` = style i's code). */
export function workbookParts(sheets: SheetSpec[], opts: { sst?: string[]; formats?: (string | number)[]; date1904?: boolean } = {}): Record<string, string> {
  const parts: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  };
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rS" Type="${R}/styles" Target="styles.xml"/>`, `<Relationship Id="rT" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`);
  parts['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  parts['xl/workbook.xml'] = `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${R}">${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets
    .map((s, i) => `<sheet name="${s.name ?? `Feuil${i + 1}`}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = s.xml.startsWith('<?xml') ? s.xml : `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${s.xml}</sheetData></worksheet>`;
  });
  const formats = opts.formats ?? [];
  const custom = formats.map((f, i) => (typeof f === 'string' ? `<numFmt numFmtId="${164 + i}" formatCode="${f.replace(/"/g, '&quot;')}"/>` : '')).join('');
  const xfs = ['<xf numFmtId="0"/>', ...formats.map((f, i) => `<xf numFmtId="${typeof f === 'number' ? f : 164 + i}"/>`)].join('');
  parts['xl/styles.xml'] = `<?xml version="1.0"?><styleSheet xmlns="${NS}"><numFmts>${custom}</numFmts><cellXfs>${xfs}</cellXfs></styleSheet>`;
  parts['xl/sharedStrings.xml'] = `<?xml version="1.0"?><sst xmlns="${NS}">${(opts.sst ?? []).map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}</sst>`;
  return parts;
}

/** An inline-string cell. */
export const is = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** A numeric cell with an optional style index (1-based into `formats`). */
export const num = (ref: string, v: number | string, s?: number) => `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${v}</v></c>`;
