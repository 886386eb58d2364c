/**
 * Dialect sniffing (SPEC §2): delimiter among `,` `;` tab `|`, line terminator, and quoting style,
 * read from the first records of the decoded text. Pure: text in, dialect out.
 */
import { usageError } from '../errors.js';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface SniffResult {
  delimiter: string;
  recordDelimiter: string;
  quoteAll: boolean;
  quoteEmpty: boolean;
}

const MAX_RECORDS = 50;

interface Scan {
  counts: Map<string, number>[];
  terminator: string | undefined;
}

/** Counts candidate delimiters outside quotes, record by record. */
function scanRecords(text: string, final: boolean): Scan {
  const counts: Map<string, number>[] = [];
  let current = new Map<string, number>();
  let inQuotes = false;
  let terminator: string | undefined;
  let i = 0;
  const n = text.length;
  let recordHasContent = false;
  while (i < n && counts.length < MAX_RECORDS) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      i++;
      continue;
    }
    if (c === '"') { inQuotes = true; recordHasContent = true; i++; continue; }
    if (c === '\r' || c === '\n') {
      const t = c === '\r' && text[i + 1] === '\n' ? '\r\n' : c;
      if (c === '\r' && i + 1 === n && !final) break; // cannot tell \r from \r\n yet
      terminator ??= t;
      if (recordHasContent) counts.push(current);
      current = new Map();
      recordHasContent = false;
      i += t.length;
      continue;
    }
    if ((DELIMITERS as readonly string[]).includes(c)) current.set(c, (current.get(c) ?? 0) + 1);
    recordHasContent = true;
    i++;
  }
  // The last record counts only when the text is complete (otherwise it may be cut).
  if (final && recordHasContent && counts.length < MAX_RECORDS) counts.push(current);
  return { counts, terminator };
}

export function sniffDelimiter(counts: Map<string, number>[]): string {
  if (counts.length === 0) return ',';
  // The header is the first record with a delimiter: a title or preamble line above it has none.
  const header = counts.find((c) => c.size > 0) ?? counts[0];
  let best = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const h = header.get(d) ?? 0;
    if (h === 0) continue;
    // Consistency first (records with as many delimiters as the header), then how many columns.
    let consistent = 0;
    for (const rec of counts) if ((rec.get(d) ?? 0) === h) consistent++;
    const score = consistent * 100000 + h;
    if (score > bestScore) { bestScore = score; best = d; }
  }
  return best;
}

/** Splits the first records into raw fields (quotes kept) to read the quoting style. */
function rawFields(text: string, delimiter: string, maxRecords: number): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') { if (text[i + 1] === '"') i++; else inQuotes = false; }
      continue;
    }
    if (c === '"') inQuotes = true;
    else if (c === delimiter) { fields.push(text.slice(start, i)); start = i + 1; }
    else if (c === '\n' || c === '\r') {
      fields.push(text.slice(start, i));
      if (fields.some((f) => f.length > 0)) records.push(fields);
      fields = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  return records;
}

export function sniffDialect(text: string, final: boolean, forcedDelimiter?: string): SniffResult {
  const scan = scanRecords(text, final);
  const delimiter = forcedDelimiter ?? sniffDelimiter(scan.counts);
  const recs = rawFields(text, delimiter, 20);
  let quoteAll = recs.length > 0;
  let quoteEmpty = false;
  for (const r of recs) {
    for (const f of r) {
      if (f === '""') quoteEmpty = true;
      if (f.length > 0 && !f.startsWith('"')) quoteAll = false;
    }
  }
  return { delimiter, recordDelimiter: scan.terminator ?? '\n', quoteAll, quoteEmpty: quoteAll && quoteEmpty };
}

/** Parses a `--delimiter` value: a character, or a name (tab, comma, semicolon, pipe). Throws E_USAGE. */
export function parseDelimiterOption(value: string, usage: 'delimiter' | 'outputDelimiter' = 'delimiter'): string {
  const names: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const v = names[value.toLowerCase()] ?? value;
  if (v.length === 1 && v !== '"' && v !== '\n' && v !== '\r') return v;
  throw usageError(usage, { value });
}
