/**
 * `verify` (issue #13): was this person purged? The identifier a person knows (e-mail, phone, id, or
 * name|birth date) is normalised as the purge normalises a row's, hashed with the log's key, and looked
 * for in the matching column of each log. Logs of earlier versions (one salted `id_hash`) are checked
 * with their salt. Pure: reads the logs, never prints.
 */
import { AuditError, usageError } from '../errors.js';
import type { HashKey } from '../keys.js';
import { HASH_LIST_SEPARATOR, legacyHash, normalizeIdentity, readPurgeLog, type IdentityKind, type PurgeLogRow } from '../purge.js';

export interface VerifyMatch {
  log: string;
  line: number;
  rule: string;
  category: string;
  purgedAt: string;
}

export interface VerifyResult {
  matches: VerifyMatch[];
  /** Rows read over all logs. */
  rows: number;
  /**
   * Logs of an earlier version read for an e-mail, phone or name: they hashed one identifier per row
   * (the id when the row had one), so "not found" there proves nothing (issue #13 audit).
   */
  legacyUnprovable: string[];
}

const COLUMN: Record<IdentityKind, keyof PurgeLogRow> = { id: 'id_hash', email: 'email_hash', phone: 'phone_hash', name: 'name_hash' };

/**
 * Looks for one person in purge logs. `key` is read only if a log is keyed, `salt` needed only for a
 * log of an earlier version. Throws E_KEY_MISMATCH when a log was made with another key.
 */
export function verifyInLogs(logs: string[], kind: IdentityKind, raw: string, key: () => HashKey, salt?: string): VerifyResult {
  const value = normalizeIdentity(kind, raw);
  if (!value) throw usageError('verifyEmpty', { option: `--${kind}` });
  const matches: VerifyMatch[] = [];
  const legacyUnprovable: string[] = [];
  let rows = 0;
  for (const log of logs) {
    const contents = readPurgeLog(log);
    rows += contents.rows.length;
    let wanted: string;
    let column: keyof PurgeLogRow;
    if (contents.keyed) {
      const k = key();
      const other = contents.rows.find((r) => r.key_fingerprint !== k.fingerprint);
      if (other) throw new AuditError('E_KEY_MISMATCH', { fingerprint: other.key_fingerprint, expected: k.fingerprint }, { file: log });
      wanted = k.hash(value);
      column = COLUMN[kind];
    } else {
      // An earlier version hashed one identifier per row (id, else e-mail, else phone, else name).
      if (!salt) throw usageError('verifySalt', { log });
      wanted = legacyHash(salt, value);
      column = 'id_hash';
      if (kind !== 'id' && contents.rows.length) legacyUnprovable.push(log);
    }
    for (const r of contents.rows) {
      // A cell may list several hashes, `h1;h2` (a row with two e-mails or two phones).
      const cell = r[column] as string;
      if (cell === wanted || (cell.length > wanted.length && cell.split(HASH_LIST_SEPARATOR).includes(wanted))) {
        matches.push({ log, line: r.line, rule: r.rule, category: r.category, purgedAt: r.purged_at });
      }
    }
  }
  return { matches, rows, legacyUnprovable: matches.length ? [] : legacyUnprovable };
}
