/**
 * What tests of personal data need (issues #13, #16): every row of a bundled file as the tool's readers
 * give it, which columns hold identity values by the test's own reading of the header (not the tool's),
 * and a whole-word search for a value in an output.
 */
import { createReadStream } from 'node:fs';
import { openCsv } from '../../src/read/reader.js';
import { openWorkbook } from '../../src/read/xlsx.js';
import { PROFILES } from '../../src/exports.js';
import { normalizeEmail, normalizePhone } from '../../src/purge.js';

export interface Row {
  cells: string[];
  line: number;
}

/** Every row of a file as the tool's readers give them (header, physical line), so lines can be compared. */
export async function readRows(path: string): Promise<{ header: string[]; rows: Row[]; headerLine: number }> {
  const reader = path.endsWith('.xlsx')
    ? await openWorkbook(path)
    : await openCsv(createReadStream(path), { preamble: PROFILES.flatMap((p) => (p.preamble ? [p.preamble] : [])) });
  const rows: Row[] = [];
  for await (const batch of reader.records()) rows.push(...batch.map((r) => ({ cells: r.cells, line: r.line })));
  return { header: reader.header, rows, headerLine: reader.headerLine };
}

// Which columns hold identity values, by the test's own reading of the header (not the tool's).
const EMAIL = /e-?mail|courriel|^mail/i;
const PHONE = /phone|t[ée]l[ée]?phone|t[ée]l\b|mobile|portable|^sms$|gsm/i;
const NAME = /^(nom|name|last ?name|first ?name|pr[ée]noms?|middle name|nom ?de ?naissance|nomdenaissance|nom ?d.usage|nomdusage|full_name|first_name|last_name|middle_name)$/i;
const OTHER = /adresse|address|street|^rue|birth|naissance|born|^dob$/i;
const NOT_VALUES = /label|type|opt|consent|status|blacklist|bounce|unsub|valid|marketing|contact owner/i;

export function kindOf(header: string): 'email' | 'phone' | 'other' | undefined {
  if (NOT_VALUES.test(header)) return undefined;
  if (EMAIL.test(header)) return 'email';
  if (PHONE.test(header)) return 'phone';
  if (NAME.test(header) || OTHER.test(header)) return 'other';
  return undefined;
}

/** Every row's identity values and their normalised forms, each with the index of its row. */
export function identityValues(header: string[], rows: Row[]): { value: string; row: number }[] {
  const kinds = header.map(kindOf);
  const values: { value: string; row: number }[] = [];
  rows.forEach((row, i) => {
    kinds.forEach((k, c) => {
      const v = row.cells[c]?.trim();
      if (!k || !v || v.length < 4 || /^\d{1,5}$/.test(v) || /^(true|false|yes|no|oui|non)$/i.test(v)) return;
      for (const x of new Set([v, normalizeEmail(v)!, ...(k === 'phone' ? [normalizePhone(v)!] : [])])) if (x && x.length >= 4) values.push({ value: x, row: i });
    });
  });
  return values;
}

/** Whether `text` holds `value` as a whole word (a first name inside a longer surname does not count). */
export function holds(text: string, value: string): boolean {
  const esc = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${esc}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}

/** A bundled file's bytes as text: the French Excel CSVs are Windows-1252. */
export function decode(bytes: Buffer, name: string): string {
  return /excel/.test(name) && !name.endsWith('.xlsx') ? new TextDecoder('windows-1252').decode(bytes) : bytes.toString('utf8');
}
