/**
 * The tool's own files, recognised by their first bytes (issue #13 audit: `erase *.csv` in the DPO's
 * folder picked up the suppression list, the erasure logs and the key, read a log's `email_hash` header
 * as an e-mail column, and wrote over them). Rights commands skip them as inputs, with a notice, and
 * refuse to write an extract or an erased copy over one. Contact files the tool wrote (`.erased.csv`,
 * `.purged.csv`, `.clean.csv`) are contact data and are not skipped: the campaign holds them. Pure
 * with respect to the process: reads at most a few KiB of each file, never prints.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { LEGACY_PURGE_LOG_COLUMNS, LEGACY_SUPPRESSION_COLUMNS, PURGE_LOG_COLUMNS, SUPPRESSION_COLUMNS } from '../purge.js';
import { t } from '../i18n/index.js';
import { CSV_COLUMNS } from '../report/csv.js';

export type OwnFileKind = 'purge-log' | 'suppression-list' | 'key-file' | 'extract' | 'findings-report' | 'requests';

/** First bytes of a regular file, or undefined (missing, not a regular file, unreadable). */
function headOf(path: string, max: number): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(max);
      const n = readSync(fd, buf, 0, max, 0);
      return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** A header line's cells, as the tool writes them (no quoting in these headers but the extract's). */
function cells(line: string): string {
  return line.replace(/\r$/, '').split(/[,;]/).map((c) => c.replace(/^"|"$/g, '').trim().toLowerCase()).join(',');
}

const HEADERS: [OwnFileKind, string][] = [
  ['purge-log', PURGE_LOG_COLUMNS.join(',')],
  ['purge-log', LEGACY_PURGE_LOG_COLUMNS.join(',')],
  ['suppression-list', SUPPRESSION_COLUMNS.join(',')],
  ['suppression-list', LEGACY_SUPPRESSION_COLUMNS.join(',')],
  ['requests', 'kind,identifier'],
  ...(['en', 'fr'] as const).flatMap((lang): [OwnFileKind, string][] => [
    ['extract', cells(['file', 'line', 'item', 'value'].map((c) => t(lang, `rights.item.${c}`)).join(','))],
    ['findings-report', cells(CSV_COLUMNS.map((c) => t(lang, `report.col.${c}`)).join(','))],
  ]),
];

/** What tool file `path` is, from its first bytes; undefined for anything else (a contact file). */
export function ownFileKind(path: string): OwnFileKind | undefined {
  const head = headOf(path, 4096);
  if (head === undefined) return undefined;
  // The key: 64 hex characters, nothing else (it must never be read as a header and echoed).
  if (/^\s*[0-9a-fA-F]{64}\s*$/.test(head)) return 'key-file';
  // A JSON purge log (the array purge writes): a contact file is never JSON.
  if (/^\s*\[/.test(head) && (/^\s*\[\s*\]\s*$/.test(head) || head.includes('"id_hash"'))) return 'purge-log';
  const first = cells(head.split('\n')[0]);
  return HEADERS.find(([, h]) => h === first)?.[0];
}
