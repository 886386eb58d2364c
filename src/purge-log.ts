/**
 * The purge log's text (issues #4, #13): one row per removed contact, one keyed hash per identifier it
 * had, never a value from the row. Kept apart from src/purge.ts with few imports, because the log of a
 * large purge is hashed and written on a worker thread (src/purge-log-thread.ts) that loads only this.
 */
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { HashKey } from './keys.js';
import type { RowIdentities } from './purge.js';

/** A CSV cell as csv-stringify writes it by default: quoted when it holds a comma, a quote or a line break. */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Separator of several hashes in one purge-log cell (`email_hash`, `phone_hash`): a row with two
 * e-mails or two phones carries one hash of each, `h1;h2` (hex never holds a `;`, and a `,` CSV
 * needs no quotes for it).
 */
export const HASH_LIST_SEPARATOR = ';';

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
    /** The log this one extends (existingLog): its entries come first, then this run's. */
    readonly extending?: LogPrefix,
  ) {
    this.tailCells = `${csvCell(purgedAt)},${key.fingerprint}\n`;
    if (extending?.rows) this.first = false;
  }

  head(): string {
    if (this.extending) return this.json || this.extending.newline ? '' : '\n';
    return this.json ? '[' : '\uFEFF' + stringify([[...PURGE_LOG_COLUMNS]]);
  }

  /** A cell that repeats row after row (category, rule, reference), quoted once. */
  private cell(v: string): string {
    let c = this.cells.get(v);
    if (c === undefined) this.cells.set(v, (c = csvCell(v)));
    return c;
  }

  /** Keyed hashes of several values, `h1;h2` ('' for none). */
  private hashes(values: readonly string[]): string {
    if (values.length === 1) return this.key.hash(values[0]);
    let out = '';
    for (let i = 0; i < values.length; i++) out += (i ? HASH_LIST_SEPARATOR : '') + this.key.hash(values[i]);
    return out;
  }

  /** The log text for one removed row; `ids` are its identities (rowIdentities). */
  entry(line: number, ids: RowIdentities, category: string, rule: string, reason: string, reference: string): string {
    const key = this.key;
    const id = ids.id ? key.hash(ids.id) : '';
    const email = this.hashes(ids.emails);
    const phone = this.hashes(ids.phones);
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

/** An existing log a run extends: how many of its bytes to copy, whether it has entries, whether it ends a line. */
export interface LogPrefix {
  path: string;
  bytes: number;
  rows: boolean;
  newline: boolean;
}

