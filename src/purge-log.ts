/**
 * The purge log's text (issues #4, #13): one row per removed contact, one keyed hash per identifier it
 * had, never a value from the row. Kept apart from src/purge.ts with few imports, because the log of a
 * large purge is hashed and written on a worker thread (src/purge-log-thread.ts) that loads only this.
 */
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { HashKey } from './keys.js';
import type { Identities } from './purge.js';

/** A CSV cell as csv-stringify writes it by default: quoted when it holds a comma, a quote or a line break. */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * One row per purged contact, one keyed hash per identifier it had (issue #13), and the fingerprint of
 * the key (never the key). Logs of earlier versions (LEGACY_PURGE_LOG_COLUMNS, one salted id_hash) are
 * still read by `verify`.
 */
export const PURGE_LOG_COLUMNS = ['line', 'id_hash', 'email_hash', 'phone_hash', 'name_hash', 'category', 'rule', 'reason', 'legal_reference', 'purged_at', 'key_fingerprint'] as const;
export const LEGACY_PURGE_LOG_COLUMNS = ['line', 'id_hash', 'category', 'rule', 'reason', 'legal_reference', 'purged_at'] as const;

export interface PurgeLogRow {
  line: number;
  id_hash: string;
  email_hash: string;
  phone_hash: string;
  name_hash: string;
  category: string;
  rule: string;
  reason: string;
  legal_reference: string;
  purged_at: string;
  key_fingerprint: string;
}

/** The log's format: JSON when its name ends in .json, else CSV. */
export function purgeLogFormat(path: string): 'csv' | 'json' {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'csv';
}

/**
 * Writes purge-log rows (the purge's and the erasure's: issue #13 asks erasure on request to leave the
 * same trace as the retention purge). CSV with a BOM so Excel reads the accents of French reasons, or
 * a JSON array written as it goes.
 */
export class PurgeLogWriter {
  private first = true;
  private readonly cells = new Map<string, string>();
  private readonly tailCells: string;

  constructor(
    readonly json: boolean,
    readonly key: HashKey,
    readonly purgedAt: string,
  ) {
    this.tailCells = `${csvCell(purgedAt)},${key.fingerprint}\n`;
  }

  head(): string {
    return this.json ? '[' : '\uFEFF' + stringify([[...PURGE_LOG_COLUMNS]]);
  }

  /** A cell that repeats row after row (category, rule, reference), quoted once. */
  private cell(v: string): string {
    let c = this.cells.get(v);
    if (c === undefined) this.cells.set(v, (c = csvCell(v)));
    return c;
  }

  /** The log text for one removed row; `ids` are its identities (identitiesOf). */
  entry(line: number, ids: Identities, category: string, rule: string, reason: string, reference: string): string {
    const key = this.key;
    const id = ids.id ? key.hash(ids.id) : '';
    const email = ids.email ? key.hash(ids.email) : '';
    const phone = ids.phone ? key.hash(ids.phone) : '';
    const name = ids.name ? key.hash(ids.name) : '';
    if (this.json) {
      const row: PurgeLogRow = {
        line,
        id_hash: id,
        email_hash: email,
        phone_hash: phone,
        name_hash: name,
        category,
        rule,
        reason,
        legal_reference: reference,
        purged_at: this.purgedAt,
        key_fingerprint: key.fingerprint,
      };
      const text = `${this.first ? '' : ','}\n  ${JSON.stringify(row)}`;
      this.first = false;
      return text;
    }
    // One line per row, in PURGE_LOG_COLUMNS order, quoted as csv-stringify would (a call per row cost
    // twice as much). Only the reason varies in wording; the other cells are cached.
    return `${line},${id},${email},${phone},${name},${this.cell(category)},${this.cell(rule)},${csvCell(reason)},${this.cell(reference)},${this.tailCells}`;
  }

  tail(): string | undefined {
    return this.json ? `${this.first ? '' : '\n'}]\n` : undefined;
  }
}

